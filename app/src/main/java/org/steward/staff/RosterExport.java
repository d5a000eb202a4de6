package org.steward.staff;

import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.audit.AuditLog;
import org.steward.exports.CsvExport;

/**
 * The roster as a Steward CSV, in the import's own columns, so that importing the file back changes nothing: everyone
 * the district has had, separated staff too, each site by its code and each supervisor by their employee id.
 */
@Service
class RosterExport {

    private record Line(String employeeId, String firstName, String lastName, String email, String site,
                        String jobFunction, String supervisor, String hireDate, String status) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    RosterExport(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** An empty roster with the columns an import reads. */
    static byte[] template() {
        return CsvExport.of(RosterFiles.STEWARD_COLUMNS, List.of(), row -> List.of());
    }

    byte[] export(long districtId) {
        List<Line> lines = jdbc.sql("""
                        select s.employee_id, s.first_name, s.last_name, coalesce(s.email, '') as email,
                               coalesce(site.code, '') as site, s.job_function,
                               coalesce(boss.employee_id, '') as supervisor,
                               coalesce(s.hire_date::text, '') as hire_date, lower(s.status) as status
                          from staff s left join site on site.id = s.site_id
                          left join staff boss on boss.id = s.supervisor_id
                         where s.district_id = ?
                         order by s.employee_id""")
                .param(districtId).query(Line.class).list();
        audit.record(districtId, "STAFF_ROSTER_EXPORTED", "staff", districtId, lines.size() + " staff");
        return CsvExport.of(RosterFiles.STEWARD_COLUMNS, lines, l -> Arrays.asList(l.employeeId(), l.firstName(),
                l.lastName(), l.email(), l.site(), l.jobFunction(), l.supervisor(), l.hireDate(), l.status()));
    }
}
