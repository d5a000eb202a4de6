package org.steward.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.steward.audit.AuditEntry;
import org.steward.staff.PersonSearch;

/**
 * The audit page's people by name: an entry names a staff member by the roster's record id ({@code staff 23}, or
 * {@code staff:23} in its details), which is what it was chained and keyed with and so stays as written; the page
 * shows "Ana Lopez (E1010)" in its place.
 */
@Component
class AuditedPeople {

    private static final Pattern STAFF_KEY = Pattern.compile("staff:(\\d{1,18})\\b");

    /** An entry as the page shows it: its record and details with people's names. */
    record Line(AuditEntry entry, String record, String details) {
    }

    private final PersonSearch people;

    AuditedPeople(PersonSearch people) {
        this.people = people;
    }

    List<Line> of(long districtId, List<AuditEntry> entries) {
        Set<Long> ids = new TreeSet<>();
        for (AuditEntry e : entries) {
            staffRecord(e).ifPresent(ids::add);
            Matcher key = STAFF_KEY.matcher(e.details() == null ? "" : e.details());
            while (key.find()) {
                ids.add(Long.parseLong(key.group(1)));
            }
        }
        Map<Long, String> names = people.labels(districtId, ids);
        return entries.stream().map(e -> new Line(e, record(e, names), details(e.details(), names))).toList();
    }

    private static java.util.Optional<Long> staffRecord(AuditEntry e) {
        if (!"staff".equals(e.recordType()) || e.recordId() == null || !e.recordId().matches("\\d{1,18}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(e.recordId()));
    }

    private static String record(AuditEntry e, Map<Long, String> names) {
        return staffRecord(e).map(names::get).map(name -> "staff " + name)
                .orElse(e.recordType() + " " + e.recordId());
    }

    private static String details(String details, Map<Long, String> names) {
        if (details == null) {
            return "";
        }
        return STAFF_KEY.matcher(details).replaceAll(key -> Matcher.quoteReplacement(
                names.getOrDefault(Long.parseLong(key.group(1)), key.group())));
    }
}
