package org.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.Fixtures;
import org.steward.StewardApplication;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.districts.District;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A message decided in a committed transaction goes out even when the server stops before sending it: the
 * request is recorded, the server "crashes" with the message's delivery still waiting (its delivery thread never
 * runs), and the next start sends it, once.
 */
class MailAfterACrashTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3026, null, ServerSetup.PROTOCOL_SMTP));

    final Path data = Path.of("target", "mail-after-a-crash-" + UUID.randomUUID());
    final String auditKey = java.util.HexFormat.of().formatHex(
            seed()); // the same key across the restart, as a server keeps it

    @Test
    void aMessageDecidedBeforeACrashIsSentAfterTheRestart() throws Exception {
        long requestId;
        try (ConfigurableApplicationContext before = start(true)) {
            Fixtures fixtures = before.getBean(Fixtures.class);
            District district = fixtures.district("Crash");
            fixtures.roster(district, """
                    employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                    P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
                    T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
                    """);
            StewardUser ana = fixtures.account(district, "T1", Role.EMPLOYEE);
            requestId = before.getBean(Approvals.class).submit(district.id(), ana, Kind.PURCHASE,
                    Map.of("item", "Document camera", "cost", "120", "why", "Math lessons")).id();
            JdbcClient jdbc = before.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select status from mail_message where subject like 'Received:%'")
                    .query(String.class).list()).containsExactly("QUEUED");
            assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null "
                    + "and event_type like '%MailQueued'").query(Integer.class).single()).isEqualTo(1);
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();

        try (ConfigurableApplicationContext after = start(false)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(smtp.getReceivedMessages()).extracting(m -> m.getSubject())
                            .containsExactly("Received: A purchase of hardware or software: Document camera"));
            JdbcClient jdbc = after.getBean(JdbcClient.class);
            await().untilAsserted(() -> assertThat(jdbc.sql("select status || ' ' || attempts from mail_message")
                    .query(String.class).list()).containsExactly("SENT 1"));
            assertThat(smtp.getReceivedMessages()[0].getContent().toString()).contains("Request " + requestId);
            assertThat(after.getEnvironment().getProperty("steward.db.data-dir")).isEqualTo(data.toString());
        }
    }

    static byte[] seed() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** Steward on this test's own database; {@code crashing} leaves every background task unrun. */
    ConfigurableApplicationContext start(boolean crashing) {
        // as command-line arguments, which go before application.properties (default properties do not)
        String[] arguments = Stream.of("server.port=0", "steward.db.ephemeral=false", "steward.db.data-dir=" + data,
                        "steward.demo.enabled=false", "steward.scheduling.enabled=false",
                        "steward.activity.dir=" + data.resolve("activity"),
                        "steward.activity.watched=" + data.resolve("watched") + "/{district}",
                        "steward.activity.ports=31000-31099", "steward.audit.key=" + auditKey,
                        "steward.audit.checkpoints=" + data.resolve("checkpoints"),
                        "spring.mail.host=localhost", "spring.mail.port=3026")
                .map(setting -> "--" + setting).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(StewardApplication.class);
        if (crashing) {
            TaskExecutor neverRuns = task -> { };
            builder.initializers(context -> {
                context.getBeanFactory().registerSingleton("applicationTaskExecutor", neverRuns);
                context.getBeanFactory().registerAlias("applicationTaskExecutor", "taskExecutor");
            });
        }
        return builder.run(arguments);
    }
}
