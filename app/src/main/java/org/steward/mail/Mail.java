package org.steward.mail;

/** A plain-text message to one person of a district. */
public record Mail(long districtId, String to, String subject, String body) {
}
