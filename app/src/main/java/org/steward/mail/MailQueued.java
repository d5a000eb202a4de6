package org.steward.mail;

/** A message was recorded to be sent once the transaction that decided it commits. */
public record MailQueued(long messageId) {
}
