package org.steward.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends recorded messages through the SMTP server {@code spring.mail.host} names, and records the outcome.
 * Without a server configured nothing is sent, and the record says so: a district sees what would have gone out.
 * A message the server did not take is tried again every few minutes for a day, {@link #ATTEMPTS} times in all; a
 * message already sent is never sent again, whoever asks.
 */
@Component
class MailDelivery {

    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

    private record Message(long id, String to, String subject, String body) {
    }

    private final ObjectProvider<JavaMailSender> sender;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String from;

    MailDelivery(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, TransactionTemplate transaction, Clock clock,
                 @Value("${steward.mail.from:steward@localhost}") String from) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.from = from;
    }

    @ApplicationModuleListener
    void on(MailQueued queued) {
        deliver(queued.messageId());
    }

    /** Messages the server did not take, and any left queued a while (the registry hands those over too). */
    @Scheduled(initialDelayString = "${steward.mail.retry-every:PT5M}",
            fixedDelayString = "${steward.mail.retry-every:PT5M}")
    void retry() {
        Timestamp before = Timestamp.from(clock.instant().minus(Duration.ofMinutes(2)));
        Timestamp dayAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
        List<Long> due = jdbc.sql("""
                        select id from mail_message
                         where status in ('QUEUED', 'FAILED') and attempts < ? and created_at < ? and created_at > ?
                         order by id""")
                .params(ATTEMPTS, before, dayAgo).query(Long.class).list();
        for (long id : due) {
            try {
                transaction.executeWithoutResult(status -> deliver(id));
            } catch (RuntimeException e) { // one message's trouble does not hold up the others
                LOG.warn("Mail {} could not be delivered: {}", id, e.toString());
            }
        }
    }

    /** Sends one message unless it went already; the row is locked while it goes, so two callers send it once. */
    void deliver(long id) {
        Optional<Message> message = jdbc.sql("""
                        select id, recipient, subject, body from mail_message
                         where id = ? and status in ('QUEUED', 'FAILED') and attempts < ? for update""")
                .params(id, ATTEMPTS)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
        if (message.isEmpty()) {
            return;
        }
        JavaMailSender smtp = sender.getIfAvailable();
        String status;
        String problem = null;
        if (smtp == null) {
            status = "NO_SERVER";
        } else {
            try {
                SimpleMailMessage mail = new SimpleMailMessage();
                mail.setFrom(from);
                mail.setTo(message.get().to());
                mail.setSubject(message.get().subject());
                mail.setText(message.get().body());
                smtp.send(mail);
                status = "SENT";
            } catch (MailException | IllegalStateException e) {
                status = "FAILED";
                problem = e.getMessage();
                LOG.warn("Mail {} to {} failed: {}", id, message.get().to(), e.getMessage());
            }
        }
        jdbc.sql("""
                        update mail_message set status = ?, problem = ?, attempts = attempts + 1, sent_at = ?
                         where id = ?""")
                .params(status, problem, status.equals("SENT") ? Timestamp.from(clock.instant()) : null, id)
                .update();
    }
}
