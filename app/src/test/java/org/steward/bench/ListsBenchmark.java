package org.steward.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.StewardApplication;
import org.steward.activity.Findings;
import org.steward.devices.Inventory;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.lists.ListParams;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;

/**
 * The long lists of a district of 2,000 staff, 6,000 devices and 20,000 findings (issue 17's load): each list's first
 * page, a late page and a page sorted otherwise, each a count and a query, on the embedded PostgreSQL. A benchmark,
 * not a test: the figures go to docs/benchmarks.md.
 */
public final class ListsBenchmark {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", "true", "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0"));
        try (ConfigurableApplicationContext context = application.run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long id = context.getBean(Districts.class).save(District.named("bench", "Bench USD", Instant.now())).id();
            jdbc.sql("insert into site (district_id, code, name) select ?, 'S' || i, 'School ' || i "
                    + "from generate_series(1, 40) i").param(id).update();
            StringBuilder roster = new StringBuilder("employee_id,first_name,last_name,email,site,job_function,"
                    + "supervisor_employee_id,hire_date,status\n");
            String[] last = {"Garcia", "Nguyen", "Smith", "Patel", "Lopez", "Kim", "Brown", "Chavez", "Young", "Ortiz"};
            for (int i = 0; i < 2_000; i++) {
                roster.append("E%05d,First%d,%s%d,e%d@bench.org,S%d,%s,%s,2015-08-01,active\n".formatted(i, i,
                        last[i % last.length], i / 10, i, 1 + i % 40, i % 5 == 0 ? "Counselor" : "Teacher",
                        i < 40 ? "" : "E%05d".formatted(i % 40)));
            }
            StaffDirectory staff = context.getBean(StaffDirectory.class);
            staff.importRoster(id, List.of(new RosterUpload("roster.csv",
                    roster.toString().getBytes(StandardCharsets.UTF_8))), "roster.csv", "bench");
            StringBuilder devices = new StringBuilder("asset_tag,serial_number,type,model,site\n");
            for (int i = 0; i < 6_000; i++) {
                devices.append("A-%06d,SN%08d,%s,Model %d,S%d\n".formatted(i, i, i % 4 == 0 ? "tablet" : "laptop",
                        i % 12, 1 + i % 40));
            }
            Inventory inventory = context.getBean(Inventory.class);
            inventory.importFile(id, "devices.csv", devices.toString().getBytes(StandardCharsets.UTF_8));
            // findings as the rules raise them, by SQL: 20,000 over a year, ten a person
            long source = jdbc.sql("""
                    insert into activity_source (district_id, name, kind, format, created_by, created_at)
                    values (?, 'Proxy', 'UPLOAD', 'SQUID', 'bench', now()) returning id""").param(id)
                    .query(Long.class).single();
            long run = jdbc.sql("""
                    insert into activity_run (district_id, source_id, file_name, sha256, bytes, status, started_at,
                                              started_by)
                    values (?, ?, 'bench.log', 'x', 0, 'DONE', now(), 'bench') returning id""").params(id, source)
                    .query(Long.class).single();
            jdbc.sql("""
                    insert into activity_finding (district_id, rule, title, severity, clauses, person, staff_id,
                                                  window_start, first_at, last_at, count, measured, evidence, status,
                                                  run_id, created_at)
                    select ?, 'rule-' || (i % 7), 'Finding ' || (i % 7),
                           (array['low', 'medium', 'high', 'critical'])[1 + i % 4], '{}'::jsonb, s.employee_id, s.id,
                           now() - make_interval(days => i % 365), now() - make_interval(days => i % 365),
                           now() - make_interval(days => i % 365), 1 + i % 9, 1, '[]'::jsonb,
                           (array['OPEN', 'OPEN', 'DISMISSED', 'CONFIRMED'])[1 + i % 4], ?, now()
                      from generate_series(0, 19999) i
                      join staff s on s.district_id = ? and s.employee_id = 'E' || lpad((i % 2000)::text, 5, '0')""")
                    .params(id, run, id).update();
            jdbc.sql("analyze").update();

            ZoneId zone = ZoneId.of("America/Los_Angeles");
            Findings findings = context.getBean(Findings.class);
            StaffDirectory.Filter everyone = new StaffDirectory.Filter("", null, "", null);
            time("staff directory, first page of 50 by name", () -> staff.page(id, everyone,
                    StaffDirectory.COLUMNS.paging(new ListParams(1, 50, "name", null), 50)));
            time("staff directory, page 40 by name", () -> staff.page(id, everyone,
                    StaffDirectory.COLUMNS.paging(new ListParams(40, 50, "name", null), 50)));
            time("staff directory, by supervisor, descending", () -> staff.page(id, everyone,
                    StaffDirectory.COLUMNS.paging(new ListParams(1, 50, "supervisor", "desc"), 50)));
            time("staff directory, search 'garcia'", () -> staff.page(id, new StaffDirectory.Filter("garcia", null,
                    "", null), StaffDirectory.COLUMNS.paging(new ListParams(1, 50, null, null), 50)));
            Inventory.Filter all = new Inventory.Filter("", null, null, null);
            time("device list, first page of 100", () -> inventory.page(id, all,
                    Inventory.COLUMNS.paging(new ListParams(1, 100, null, null), 100)));
            time("device list, page 60", () -> inventory.page(id, all,
                    Inventory.COLUMNS.paging(new ListParams(60, 100, null, null), 100)));
            time("device list, by possessor", () -> inventory.page(id, all,
                    Inventory.COLUMNS.paging(new ListParams(1, 100, "possessor", null), 100)));
            Findings.Filter open = Findings.Filter.OPEN;
            Findings.Filter any = new Findings.Filter(null, null, null, null, null, null, null);
            time("findings queue (open), first page of 50", () -> findings.page(id, open, zone,
                    Findings.COLUMNS.paging(new ListParams(1, 50, null, null), 50)));
            time("findings queue (any status), page 100", () -> findings.page(id, any, zone,
                    Findings.COLUMNS.paging(new ListParams(100, 50, null, null), 50)));
            time("findings queue (open), by severity", () -> findings.page(id, open, zone,
                    Findings.COLUMNS.paging(new ListParams(1, 50, "severity", null), 50)));
            time("findings queue (open) by person, first page", () -> findings.byPerson(id, open, zone,
                    Findings.PEOPLE.paging(new ListParams(1, 50, null, null), 50)));
            time("findings CSV (any status, 20,000)", () -> findings.export(id, any, zone,
                    Findings.COLUMNS.first(50)));
            // whether the default orders read their page from an index rather than sorting the whole list
            plan(jdbc, "staff directory by name", """
                    select s.id from staff s left join site on site.id = s.site_id
                     where s.district_id = ? order by lower(s.last_name), lower(s.first_name), s.id
                     offset 1950 limit 50""", id);
            plan(jdbc, "findings queue of any status by time", """
                    select f.id from activity_finding f left join staff s on s.id = f.staff_id
                     where f.district_id = ? order by f.first_at desc, f.id desc offset 4950 limit 50""", id);
        }
    }

    private static void plan(JdbcClient jdbc, String what, String sql, long districtId) {
        System.out.println(what + ":");
        jdbc.sql("explain (analyze, costs off, timing off) " + sql).param(districtId).query(String.class).list()
                .forEach(line -> System.out.println("    " + line));
    }

    private static void time(String what, Supplier<?> page) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            page.get();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        double first = millis.get(0);
        Collections.sort(millis);
        System.out.printf("%s: first %.0f ms, median %.1f ms, slowest %.0f ms (21 runs)%n", what, first,
                millis.get(10), millis.get(20));
    }
}
