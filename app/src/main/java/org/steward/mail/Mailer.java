package org.steward.mail;

import java.sql.Timestamp;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Takes Steward's mail: each message is recorded in the caller's transaction and {@link MailDelivery} sends it
 * once that transaction commits. A change that is rolled back tells nobody anything; one that commits is told
 * even if the server stops before the message went, because the event publication registry keeps the promise
 * and hands it over again on restart.
 */
@Service
public class Mailer {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Mailer(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Records the message to go once the current transaction (or this call's own) commits. */
    @Transactional
    public void send(Mail mail) {
        long id = jdbc.sql("""
                        insert into mail_message (district_id, recipient, subject, body, created_at, status)
                        values (?, ?, ?, ?, ?, 'QUEUED') returning id""")
                .params(mail.districtId(), mail.to(), mail.subject(), mail.body(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        events.publishEvent(new MailQueued(id));
    }
}
