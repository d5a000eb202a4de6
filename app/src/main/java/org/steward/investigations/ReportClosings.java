package org.steward.investigations;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When a case closes, the reports it took in close with it and their reporters are told; when it is merged, they
 * follow it into the case that carries on. Delivered through the publication registry, so a close survives a crash
 * between the case and its reports.
 */
@Component
class ReportClosings {

    private final Reports reports;

    ReportClosings(Reports reports) {
        this.reports = reports;
    }

    @ApplicationModuleListener
    void on(CaseClosed closed) {
        reports.caseEnded(closed.districtId(), closed.caseId());
    }
}
