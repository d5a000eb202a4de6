package org.steward.activity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.steward.staff.StaffMember;

/**
 * Which staff member a person in a log is: the account names proxies log are e-mail addresses, their local part, or
 * employee ids, in any case. A name two staff members share names neither: better unattributed than misattributed.
 */
final class People {

    private final Map<String, Long> byName = new HashMap<>();

    People(List<StaffMember> staff) {
        Set<String> shared = new HashSet<>();
        for (StaffMember member : staff) {
            for (String name : namesOf(member)) {
                Long before = byName.putIfAbsent(name, member.id());
                if (before != null && before.longValue() != member.id()) {
                    shared.add(name);
                }
            }
        }
        shared.forEach(byName::remove);
    }

    /** The staff member's id, or null when the person is an address or an unknown account. */
    Long staffId(String person) {
        return person == null ? null : byName.get(person.strip().toLowerCase(Locale.ROOT));
    }

    /** The name a lease gives a staff member: what {@link #staffId} knows them by. */
    static String personOf(StaffMember member) {
        return member.email() != null && !member.email().isBlank() ? member.email().strip().toLowerCase(Locale.ROOT)
                : member.employeeId().strip().toLowerCase(Locale.ROOT);
    }

    static Set<String> namesOf(StaffMember member) {
        Set<String> names = new HashSet<>();
        names.add(member.employeeId().strip().toLowerCase(Locale.ROOT));
        if (member.email() != null && !member.email().isBlank()) {
            String email = member.email().strip().toLowerCase(Locale.ROOT);
            names.add(email);
            int at = email.indexOf('@');
            if (at > 0) {
                names.add(email.substring(0, at));
            }
        }
        return names;
    }
}
