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

/** Mail in a transaction goes when it commits, and never when it rolls back; without a server it is recorded. */
@StewardTest
class MailerTest {

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
                .containsExactly("committed NO_SERVER 1", "outside a transaction NO_SERVER 1"));
    }
}
