package org.steward.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.StewardApplication;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.CompletionReport;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;

/**
 * The completion report for a district of 50,000 staff with ten years of campaigns (500,000 assignments, 470,000
 * signatures), on the embedded PostgreSQL. A benchmark, not a test: the figure goes to docs/benchmarks.md.
 * Run: see docs/benchmarks.md ("Acknowledgments").
 */
public final class CompletionReportBenchmark {

    public static void main(String[] args) {
        int staff = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int years = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(java.util.Map.of("steward.db.ephemeral", "true",
                "steward.demo.enabled", "false", "steward.scheduling.enabled", "false",
                "logging.level.root", "WARN", "server.port", "0"));
        try (ConfigurableApplicationContext context = application.run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long start = System.nanoTime();
            District district = context.getBean(Districts.class).save(District.named("bench", "Bench USD",
                    Instant.now()));
            long id = district.id();
            jdbc.sql("insert into site (district_id, code, name) select ?, 'S' || i, 'School ' || i "
                    + "from generate_series(1, 20) i").param(id).update();
            jdbc.sql("""
                    insert into staff (district_id, employee_id, first_name, last_name, email, site_id, job_function,
                                       hire_date, status, source)
                    select ?, 'E' || i, 'First' || i, 'Last' || i, 'e' || i || '@bench.example',
                           (select min(id) from site where district_id = ?) + i % 20,
                           (array['Teacher','Teacher','Teacher','Aide','Clerk','Custodian','Principal','Counselor'])[1 + i % 8],
                           date '2010-08-01' + (i % 4000), 'ACTIVE', 'bench'
                      from generate_series(1, ?) i""").params(id, id, staff).update();
            jdbc.sql("""
                    update staff s set supervisor_id = b.id
                      from staff b
                     where s.district_id = ? and b.district_id = s.district_id
                       and b.employee_id = 'E' || (1 + (substring(s.employee_id from 2)::int % 2000))
                       and substring(s.employee_id from 2)::int > 2000""").param(id).update();
            PolicyLibrary policies = context.getBean(PolicyLibrary.class);
            Policy policy = policies.adoptModel(id);
            long version = policies.publish(id, policy.id(), 1, "bench").id();
            int firstYear = 2026 - years;
            for (int y = 0; y < years; y++) {
                int year = firstYear + y;
                boolean latest = y == years - 1;
                long campaign = jdbc.sql("""
                                insert into ack_campaign (district_id, school_year, policy_version_id, opens_on,
                                    due_on, status, opened_by, opened_at)
                                values (?, ?, ?, ?, ?, ?, 'bench', now()) returning id""")
                        .params(id, year + "-" + String.format("%02d", (year + 1) % 100), version,
                                LocalDate.of(year, 8, 1), LocalDate.of(year, 9, 15), latest ? "OPEN" : "CLOSED")
                        .query(Long.class).single();
                jdbc.sql("""
                        insert into ack_assignment (district_id, campaign_id, staff_id, due_on, reason, assigned_at)
                        select ?, ?, id, ?, 'AUDIENCE', now() from staff where district_id = ?""")
                        .params(id, campaign, LocalDate.of(year, 9, 15), id).update();
                jdbc.sql("""
                        insert into ack_signature (district_id, campaign_id, staff_id, school_year, policy_version_id,
                            policy_title, policy_version, policy_sha256, statements, typed_name, signed_at, ip_address,
                            user_agent, receipt_pdf, receipt_sha256)
                        select a.district_id, a.campaign_id, a.staff_id, c.school_year, c.policy_version_id,
                               'Staff Technology Acceptable Use Policy', 1, repeat('a', 64),
                               'I have read the policy.' || chr(10) || 'No Expectation of Privacy.',
                               s.first_name || ' ' || s.last_name, now(), '192.0.2.1', 'bench',
                               decode('255044462d', 'hex'), repeat('b', 64)
                          from ack_assignment a join ack_campaign c on c.id = a.campaign_id
                          join staff s on s.id = a.staff_id
                         where a.campaign_id = ? and (a.staff_id % 100) < ?""")
                        .params(campaign, latest ? 60 : 95).update();
            }
            jdbc.sql("analyze").update();
            System.out.printf("data: %,d staff, %d campaigns, %,d assignments, %,d signatures, made in %.1f s%n",
                    staff, years, jdbc.sql("select count(*) from ack_assignment").query(Long.class).single(),
                    jdbc.sql("select count(*) from ack_signature").query(Long.class).single(),
                    (System.nanoTime() - start) / 1e9);

            Campaigns campaigns = context.getBean(Campaigns.class);
            CompletionReport reports = context.getBean(CompletionReport.class);
            Campaign current = campaigns.list(id).get(0);
            Campaign oldest = campaigns.list(id).get(years - 1);
            time("first report of the open campaign (cold)", 1, () -> reports.everyone(current));
            time("report of the open campaign", 20, () -> reports.everyone(current));
            time("report of the oldest campaign", 20, () -> reports.everyone(oldest));
        }
    }

    private static void time(String what, int runs, Runnable report) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            report.run();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%s: median %.0f ms, slowest %.0f ms (%d runs)%n", what, millis.get(runs / 2),
                millis.get(runs - 1), runs);
    }
}
