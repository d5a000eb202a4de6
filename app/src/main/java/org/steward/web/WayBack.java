package org.steward.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.steward.accounts.StewardUser;

/**
 * Where an error page sends a person: the part of Steward the address was in, as far as their roles open it (an
 * employee who followed a link to a finding goes to their own internet use, not to a queue they may not open), and
 * the start page.
 */
record WayBack(String label, String href) {

    static List<WayBack> from(String path, StewardUser me) {
        if (me == null) {
            return List.of(new WayBack("Sign in", "/login"));
        }
        List<WayBack> ways = new ArrayList<>();
        section(path, me).ifPresent(ways::add);
        ways.add(new WayBack("The start page", "/"));
        return ways;
    }

    private static Optional<WayBack> section(String path, StewardUser me) {
        WayBack way = null;
        if (under(path, "/staff")) {
            way = me.mayReadStaff() ? new WayBack("The staff directory", "/staff") : null;
        } else if (under(path, "/activity/findings")) {
            way = me.mayReadActivity() || me.isSupervisor() ? new WayBack("Findings", "/activity/findings")
                    : new WayBack("Your internet use and findings", "/activity/mine");
        } else if (under(path, "/activity")) {
            way = me.mayReadActivity() ? new WayBack("Internet use", "/activity")
                    : new WayBack("Your internet use", "/activity/mine");
        } else if (under(path, "/devices")) {
            way = me.mayReadDevices() ? new WayBack("Devices", "/devices") : new WayBack("Your devices", "/my-devices");
        } else if (under(path, "/my-devices")) {
            way = new WayBack("Your devices", "/my-devices");
        } else if (under(path, "/acknowledgments/campaigns") && me.mayReadCompletion()) {
            way = new WayBack("Campaigns", "/acknowledgments/campaigns");
        } else if (under(path, "/acknowledgments")) {
            way = new WayBack("Your acknowledgments", "/acknowledgments");
        } else if (under(path, "/policies")) {
            way = new WayBack("Policies", "/policies");
        } else if (under(path, "/approvals")) {
            way = new WayBack("Approvals", "/approvals");
        } else if (under(path, "/apps")) {
            way = me.mayKeepApps() ? new WayBack("App reviews", "/apps") : new WayBack("Approved apps", "/apps/approved");
        } else if (under(path, "/audit") && me.mayReadAudit()) {
            way = new WayBack("The audit trail", "/audit");
        } else if (under(path, "/districts") && me.isCountyAdmin()) {
            way = new WayBack("Districts", "/districts");
        }
        return Optional.ofNullable(way);
    }

    private static boolean under(String path, String section) {
        return path.equals(section) || path.startsWith(section + "/") || path.startsWith(section + ".")
                || path.startsWith(section + "?");
    }
}
