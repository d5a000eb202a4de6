package org.steward.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A district's records from before the workflows became aggregates (schema version 16) survive the upgrade: the
 * approval a double click left a step ahead is put back in step with its one kept decision (the second kept
 * apart), an approval that skipped a review is listed for the district to look at, its form and route become rows,
 * old failed mail is not sent again, and a hand-over's devices become an array.
 */
class UpgradeTest {

    @Test
    void recordsFromVersion16AreCarriedOverWhole() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource data = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("16").load().migrate();
            JdbcClient jdbc = JdbcClient.create(data);
            long district = jdbc.sql("insert into district (slug, name, created_at) values ('old', 'Old', now()) "
                    + "returning id").query(Long.class).single();
            long ana = jdbc.sql("""
                    insert into staff (district_id, employee_id, first_name, last_name, job_function, status, source)
                    values (?, 'T1', 'Ana', 'Alvarez', 'Teacher', 'ACTIVE', 'CSV') returning id""")
                    .param(district).query(Long.class).single();
            // two supervisor clicks at once: two decisions at step 0, the request pushed to step 2 of 3
            long raced = request(jdbc, district, ana, "SUBSCRIPTION", "service=Videos\ncost=240\nwhy=Science",
                    "SUPERVISOR,TECHNOLOGY,DISTRICT_ADMIN", 2, "PENDING");
            decision(jdbc, raced, 0, "SUPERVISOR", "2026-09-01T16:00:00Z");
            decision(jdbc, raced, 0, "SUPERVISOR", "2026-09-01T16:00:01Z");
            // on a two-step route the race approved it without technology services' review
            long skipped = request(jdbc, district, ana, "PURCHASE", "item=Camera\ncost=120\nwhy=Math",
                    "SUPERVISOR,TECHNOLOGY", 1, "APPROVED");
            decision(jdbc, skipped, 0, "SUPERVISOR", "2026-09-02T16:00:00Z");
            decision(jdbc, skipped, 0, "SUPERVISOR", "2026-09-02T16:00:01Z");
            jdbc.sql("""
                    insert into mail_message (district_id, recipient, subject, body, created_at, status, problem)
                    values (?, 'ana@example.org', 'Denied: old news', 'x', now(), 'FAILED', 'no server')""")
                    .param(district).update();
            long laptop = device(jdbc, district, "L-100");
            long tablet = device(jdbc, district, "T-200");
            jdbc.sql("""
                    insert into device_handover (district_id, staff_id, device_ids, prepared_by, prepared_at, status)
                    values (?, ?, ?, 'tech', now(), 'AWAITING_SIGNATURE')""")
                    .params(district, ana, laptop + "," + tablet).update();

            Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();

            assertThat(jdbc.sql("select name || '=' || value from approval_request_answer where request_id = ? "
                    + "order by name").param(raced).query(String.class).list())
                    .containsExactly("cost=240", "service=Videos", "why=Science");
            assertThat(jdbc.sql("select role from approval_request_step where request_id = ? order by position")
                    .param(raced).query(String.class).list())
                    .containsExactly("SUPERVISOR", "TECHNOLOGY", "DISTRICT_ADMIN");
            assertThat(jdbc.sql("select step || ' ' || status from approval_request where id = ?").param(raced)
                    .query(String.class).single()).as("waits for technology services again").isEqualTo("1 PENDING");
            assertThat(jdbc.sql("select count(*) from approval_decision where request_id = ?").param(raced)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from approval_decision_superseded where request_id = ?")
                    .param(raced).query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select reason from approval_request_to_review where request_id = ?").param(skipped)
                    .query(String.class).single()).contains("fewer decisions than its route has steps");
            assertThat(jdbc.sql("select attempts from mail_message where subject = 'Denied: old news'")
                    .query(Integer.class).single()).as("not tried again").isEqualTo(5);
            assertThat(jdbc.sql("select array_to_string(devices, ',') || ' ' || transfer from device_handover")
                    .query(String.class).single()).isEqualTo(laptop + "," + tablet + " true");
        }
    }

    static long request(JdbcClient jdbc, long district, long staff, String kind, String fields, String route,
                        int step, String status) {
        return jdbc.sql("""
                        insert into approval_request (district_id, kind, requester_staff_id, requester, title, fields,
                                                      route, step, status, clause, created_at)
                        values (?, ?, ?, 'ana', ?, ?, ?, ?, ?, 'C.14', '2026-09-01T15:00:00Z') returning id""")
                .params(district, kind, staff, kind, fields, route, step, status).query(Long.class).single();
    }

    static void decision(JdbcClient jdbc, long request, int step, String role, String at) {
        jdbc.sql("""
                        insert into approval_decision (request_id, step, role, outcome, decided_by, decided_at)
                        values (?, ?, ?, 'APPROVED', 'pat', ?::timestamptz)""")
                .params(request, step, role, at).update();
    }

    static long device(JdbcClient jdbc, long district, String tag) {
        return jdbc.sql("""
                        insert into device (district_id, asset_tag, type, status, created_at)
                        values (?, ?, 'LAPTOP', 'IN_STOCK', now()) returning id""")
                .params(district, tag).query(Long.class).single();
    }
}
