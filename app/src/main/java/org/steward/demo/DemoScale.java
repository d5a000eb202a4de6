package org.steward.demo;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * How large the demo district is: the ordinary one (about 300 staff, 120 devices) when {@code steward.demo.staff} is
 * not set, else a district made larger for the load benchmark (docs/benchmarks.md) on its first morning of the
 * school year: that many staff and {@code steward.demo.devices} devices, this year's campaign opened today and signed
 * by nobody, take-home requests waiting for supervisors, and a sign-in for every person, all sharing one password
 * made at start and written with the usernames to {@code steward.demo.accounts-file}. With
 * {@code steward.demo.cheap-password-hash} that password is hashed at bcrypt's lowest cost, as if the district signed
 * in through its identity provider and Steward checked no password (the benchmark's "as with single sign-on" runs).
 */
record DemoScale(int staff, int devices, Path accountsFile, boolean cheapPasswordHash) {

    static final DemoScale ORDINARY = new DemoScale(0, 0, null, false);

    static DemoScale of(Environment environment) {
        int staff = environment.getProperty("steward.demo.staff", Integer.class, 0);
        if (staff <= 0) {
            return ORDINARY;
        }
        if (staff < 400) {
            throw new IllegalArgumentException("steward.demo.staff makes a district larger than the ordinary demo's "
                    + "300 staff: give 400 or more, or leave it out");
        }
        int devices = environment.getProperty("steward.demo.devices", Integer.class, 3 * staff);
        String file = environment.getProperty("steward.demo.accounts-file", "");
        Path accounts = file.isBlank()
                ? Path.of(environment.getProperty("steward.db.data-dir", "data"), "demo-accounts.csv")
                : Path.of(file);
        return new DemoScale(staff, Math.max(devices, 120), accounts,
                environment.getProperty("steward.demo.cheap-password-hash", Boolean.class, false));
    }

    boolean larger() {
        return staff > 0;
    }

    /** How many staff the week's proxy log covers: sixty in the ordinary demo, a quarter of a larger district. */
    int peopleInLog() {
        return larger() ? staff / 4 : 60;
    }
}
