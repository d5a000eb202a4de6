package org.steward.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district's records written before V27, with lists joined by commas, bars and nothing at all, come out of the
 * migration as the same lists in arrays: in order, an empty text an empty array, a published policy's laws too.
 */
class ListsAsArraysMigrationTest {

    @TempDir java.nio.file.Path dir;

    @Test
    void joinedListsBecomeArraysInPlaceInOrder() throws Exception {
        // a fresh database: the ids below are the first of each table
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, true)) {
            Flyway.configure().dataSource(server.jdbcUrl(), "postgres", server.password()).target("25").load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                 Statement s = c.createStatement()) {
                s.execute("""
                        insert into district (slug, name, created_at) values ('old', 'Old Unified', now());
                        insert into ack_settings (district_id, days_before) values (1, '14,7,0');
                        insert into policy (district_id, title, source, created_at)
                            values (1, 'Acceptable use', 'MODEL', now());
                        insert into policy_version (policy_id, number, title, status, created_at)
                            values (1, 1, 'Acceptable use', 'DRAFT', now());
                        insert into policy_clause (version_id, position, clause_key, kind, label, title, text, laws)
                            values (1, 0, 'A', 'SECTION', 'A', 'Privacy', 'text', 'FERPA|AB 1584|SOPIPA'),
                                   (1, 1, 'B', 'SECTION', 'B', 'Other', 'text', '');
                        update policy_version set status = 'PUBLISHED', sha256 = 'x', published_at = now();
                        insert into ack_campaign (district_id, school_year, policy_version_id, audience_sites,
                                                  audience_jobs, opens_on, due_on, status, opened_by, opened_at)
                            values (1, '2026-27', 1, '3,1', 'Teacher|Counselor, K-8', '2026-08-03', '2026-09-15',
                                    'OPEN', 'hr', now()),
                                   (1, '2026-27', 1, '', '', '2026-08-03', '2026-09-15', 'OPEN', 'hr', now());
                        insert into activity_calendar (district_id, duty_hours, school_days, updated_by, updated_at)
                            values (1, '07:30-16:00', 'MONDAY,TUESDAY,FRIDAY', 'carl', now());
                        insert into app (district_id, name, grade_bands, status, created_at, updated_at)
                            values (1, 'Gradebook', '6-8,9-12', 'UNDER_REVIEW', now(), now()),
                                   (1, 'Scheduler', '', 'UNDER_REVIEW', now(), now());
                        insert into app_review (district_id, app_id, answers, verdict, missing, reviewer, reviewed_at)
                            values (1, 1, '', 'MISSING', 'SOPIPA_NO_SALE,COPPA_SCHOOL_CONSENT', 'tech', now()),
                                   (1, 2, '', 'MEETS', '', 'tech', now());
                        insert into device (district_id, asset_tag, type, status, mac_addresses, created_at)
                            values (1, 'L-1', 'LAPTOP', 'IN_STOCK', 'aa:bb:cc:00:00:02, aa:bb:cc:00:00:01', now()),
                                   (1, 'L-2', 'LAPTOP', 'IN_STOCK', '', now());
                        """);
            }
            Flyway.configure().dataSource(server.jdbcUrl(), "postgres", server.password()).load().migrate();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                 Statement s = c.createStatement()) {
                assertThat(column(s, "select days_before from ack_settings")).containsExactly(List.of(14, 7, 0));
                assertThat(column(s, "select laws from policy_clause order by position"))
                        .containsExactly(List.of("FERPA", "AB 1584", "SOPIPA"), List.of());
                assertThat(column(s, "select audience_sites from ack_campaign order by id"))
                        .containsExactly(List.of(3L, 1L), List.of());
                assertThat(column(s, "select audience_jobs from ack_campaign order by id"))
                        .containsExactly(List.of("Teacher", "Counselor, K-8"), List.of());
                assertThat(column(s, "select school_days from activity_calendar"))
                        .containsExactly(List.of("MONDAY", "TUESDAY", "FRIDAY"));
                assertThat(column(s, "select grade_bands from app order by id"))
                        .containsExactly(List.of("6-8", "9-12"), List.of());
                assertThat(column(s, "select missing from app_review order by id"))
                        .containsExactly(List.of("SOPIPA_NO_SALE", "COPPA_SCHOOL_CONSENT"), List.of());
                assertThat(column(s, "select mac_addresses from device order by id"))
                        .containsExactly(List.of("aa:bb:cc:00:00:02", "aa:bb:cc:00:00:01"), List.of());
                // a new row starts from the defaults, which are arrays too
                s.execute("insert into district (slug, name, created_at) values ('new', 'New Unified', now())");
                s.execute("insert into ack_settings (district_id) values (2)");
                assertThat(column(s, "select days_before from ack_settings where district_id = 2"))
                        .containsExactly(List.of(7, 1, 0));
            }
        }
    }

    private static List<List<Object>> column(Statement s, String sql) throws Exception {
        List<List<Object>> values = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Array array = rs.getArray(1);
                values.add(List.of((Object[]) array.getArray()));
            }
        }
        return values;
    }
}
