package org.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

/** Mail in a transaction goes when it commits, and never when it rolls back; each message is recorded as sent. */
@StewardTest
class MailerTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension smtp = new com.icegreen.greenmail.junit5.GreenMailExtension(
            com.icegreen.greenmail.util.ServerSetupTest.SMTP);

    @Autowired Mailer mailer;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;

    @Test
    void aRolledBackChangeTellsNobodyAndACommittedOneIsRecorded() {
        District district = fixtures.district("Mail");
        transaction.executeWithoutResult(status -> {
            mailer.send(new Mail(district.id(), "a@example.org", "rolled back", "x"));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status ->
                mailer.send(new Mail(district.id(), "b@example.org", "committed", "x")));
        mailer.send(new Mail(district.id(), "c@example.org", "outside a transaction", "x"));
        assertThat(jdbc.sql("select subject from mail_message where district_id = ? order by id")
                .param(district.id()).query(String.class).list())
                .containsExactly("committed", "outside a transaction");
        await().untilAsserted(() -> assertThat(jdbc.sql(
                        "select subject || ' ' || status || ' ' || attempts from mail_message where district_id = ? order by id")
                .param(district.id()).query(String.class).list())
                .containsExactly("committed SENT 1", "outside a transaction SENT 1"));
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString() + " " + m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("b@example.org committed", "c@example.org outside a transaction");
    }
}
