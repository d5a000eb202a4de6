package org.steward.investigations;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface ReportRecords extends ListCrudRepository<Report, Long> {

    List<Report> findByDistrictIdAndReporterAccountIdOrderByReceivedAtDesc(long districtId, long reporterAccountId);

    List<Report> findByDistrictIdAndCaseIdAndStatus(long districtId, long caseId, Report.Status status);
}
