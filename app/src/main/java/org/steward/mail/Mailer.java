package org.steward.mail;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends mail through the SMTP server {@code spring.mail.host} names, and records each message with its outcome.
 * Without a server configured nothing is sent, and the record says so: a district sees what would have gone out.
 * Inside a transaction a message goes once the transaction has committed, so a change that is rolled back tells
 * nobody anything, and a reminder recorded as sent is one that was.
 */
@Service
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String from;

    Mailer(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, Clock clock,
           @Value("${steward.mail.from:steward@localhost}") String from) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.clock = clock;
        this.from = from;
    }

    /** Sends the message now, or after the current transaction commits. A failure is recorded, never thrown. */
    public void send(Mail mail) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendNow(mail);
                }
            });
        } else {
            sendNow(mail);
        }
    }

    private void sendNow(Mail mail) {
        JavaMailSender smtp = sender.getIfAvailable();
        String status;
        String problem = null;
        if (smtp == null) {
            status = "NO_SERVER";
        } else {
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(mail.to());
                message.setSubject(mail.subject());
                message.setText(mail.body());
                smtp.send(message);
                status = "SENT";
            } catch (MailException e) {
                status = "FAILED";
                problem = e.getMessage();
                LOG.warn("Mail to {} failed: {}", mail.to(), e.getMessage());
            }
        }
        jdbc.sql("""
                insert into mail_message (district_id, recipient, subject, body, created_at, status, problem)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(mail.districtId(), mail.to(), mail.subject(), mail.body(),
                        java.sql.Timestamp.from(Instant.now(clock)), status, problem)
                .update();
    }
}
