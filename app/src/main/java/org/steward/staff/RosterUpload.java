package org.steward.staff;

/** A roster file as a person uploaded it: its name decides how it is read (.csv, or a OneRoster .zip). */
public record RosterUpload(String name, byte[] content) {
}
