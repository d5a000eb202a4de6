package org.steward.accounts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.steward.audit.AuditLog;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.districts.Site;
import org.steward.districts.Sites;

/**
 * What a county office does with the districts it hosts: makes one with its sites, invites its first district
 * administrator, suspends and reopens it; and what a district administrator does with the district's sites.
 */
@Service
class DistrictAdministration {

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Districts districts;
    private final Sites sites;
    private final Accounts accounts;
    private final DistrictAccounts districtAccounts;
    private final AccountClosures closures;
    private final AuditLog audit;
    private final Clock clock;

    DistrictAdministration(Districts districts, Sites sites, Accounts accounts, DistrictAccounts districtAccounts,
                           AccountClosures closures, AuditLog audit, Clock clock) {
        this.districts = districts;
        this.sites = sites;
        this.accounts = accounts;
        this.districtAccounts = districtAccounts;
        this.closures = closures;
        this.audit = audit;
        this.clock = clock;
    }

    District district(String slug) {
        return districts.findBySlug(slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such district."));
    }

    /**
     * Sites as a county administrator types them, one a line: "LES, Lincoln Elementary School" (a code, a comma, a
     * name), or a name alone, whose code is made from its initials.
     */
    static Map<String, String> sitesFrom(String text) {
        Map<String, String> byCode = new LinkedHashMap<>();
        int line = 0;
        for (String raw : (text == null ? "" : text).split("\\R")) {
            line++;
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String code;
            String name;
            int comma = entry.indexOf(',');
            if (comma >= 0) {
                code = entry.substring(0, comma).strip().toUpperCase(Locale.ROOT);
                name = entry.substring(comma + 1).strip();
            } else {
                name = entry;
                StringBuilder initials = new StringBuilder();
                for (String word : name.split("\\s+")) {
                    if (!word.isEmpty() && Character.isLetterOrDigit(word.charAt(0))) {
                        initials.append(Character.toUpperCase(word.charAt(0)));
                    }
                }
                code = initials.toString();
            }
            site(code, name, "Line " + line + " of the sites");
            if (byCode.putIfAbsent(code, name) != null) {
                throw new IllegalArgumentException("Line " + line + " of the sites: the code " + code
                        + " is given twice; give each site its own code (\"LES, Lincoln Elementary School\").");
            }
        }
        return byCode;
    }

    private static void site(String code, String name, String where) {
        if (!code.matches("[A-Z0-9][A-Z0-9-]{0,19}")) {
            throw new IllegalArgumentException(where + ": a site's code has 1 to 20 letters, digits or dashes ("
                    + "\"LES, Lincoln Elementary School\").");
        }
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException(where + ": give the site's name (up to 200 characters).");
        }
    }

    @Transactional
    District create(StewardUser by, String name, String slug, String timeZone, String sitesText) {
        District draft = District.create(slug, name, timeZone, clock.instant());
        if (districts.findBySlug(draft.slug()).isPresent()) {
            throw new IllegalArgumentException("The short name " + draft.slug() + " is taken by another district.");
        }
        Map<String, String> siteList = sitesFrom(sitesText);
        District district = districts.save(draft);
        siteList.forEach((code, siteName) -> sites.save(Site.of(district.id(), code, siteName)));
        String details = district.name() + " (" + district.slug() + ", " + district.timeZone() + ") with "
                + siteList.size() + " sites, made by " + by.getUsername();
        audit.record(district.id(), "DISTRICT_CREATED", "district", district.id(), details);
        audit.record(by.districtId(), "DISTRICT_CREATED", "district", district.id(), details);
        return district;
    }

    /** Makes the district's first administrator's account, without a password, and e-mails them the invitation. */
    @Transactional
    void inviteAdministrator(StewardUser by, String slug, String displayName, String email) {
        District district = district(slug);
        String address = email == null ? "" : email.strip();
        if (!EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an e-mail address: the invitation goes there.");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("Give the administrator's name.");
        }
        String username = "admin-" + district.slug();
        for (int n = 2; accounts.findByUsername(username).isPresent(); n++) {
            username = "admin-" + district.slug() + "-" + n;
        }
        Account saved = accounts.save(new Account(null, district.id(), username, null, displayName.strip(),
                address.toLowerCase(Locale.ROOT), null, true, clock.instant(),
                Set.of(new Account.AccountRole(Role.DISTRICT_ADMIN))));
        audit.record(district.id(), "ACCOUNT_CREATED", "account", saved.id(), username
                + " with roles [DISTRICT_ADMIN] for " + displayName.strip() + ", invited by " + by.getUsername());
        districtAccounts.invite(district.id(), saved.id(), by.displayName() + " (county office)");
    }

    /** The district's accounts that are invited and have not yet chosen a password: its administrators-to-be. */
    List<Account> invitedAdministrators(long districtId) {
        List<Account> invited = new ArrayList<>();
        accounts.findByDistrictIdOrderByUsername(districtId).stream()
                .filter(a -> a.passwordHash() == null && a.roleSet().contains(Role.DISTRICT_ADMIN))
                .forEach(invited::add);
        return invited;
    }

    @Transactional
    District suspend(StewardUser by, String slug, String why) {
        District district = district(slug);
        if (district.id() == by.districtId() || district.id() == by.homeDistrictId()) {
            throw new IllegalStateException("You cannot suspend the district you act in or your own: "
                    + "nobody could then reopen it from here.");
        }
        District suspended = save(district.suspend(why, clock.instant()));
        audit.record(district.id(), "DISTRICT_SUSPENDED", "district", district.id(), why.strip(),
                "by " + by.getUsername() + ": nobody of " + district.name() + " can sign in");
        closures.districtSuspended(district.id(), why.strip());
        return suspended;
    }

    @Transactional
    District reopen(StewardUser by, String slug, String why) {
        District district = district(slug);
        District reopened = save(district.reopen(why, clock.instant()));
        audit.record(district.id(), "DISTRICT_REOPENED", "district", district.id(), why.strip(),
                "by " + by.getUsername());
        return reopened;
    }

    private District save(District district) {
        try {
            return districts.save(district);
        } catch (OptimisticLockingFailureException e) {
            throw new IllegalStateException("Someone else changed this district at the same moment: look again.");
        }
    }

    @Transactional
    void addSite(StewardUser by, String code, String name) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        String n = name == null ? "" : name.strip();
        site(c, n, "The new site");
        if (sites.findByDistrictIdAndCode(by.districtId(), c).isPresent()) {
            throw new IllegalArgumentException("The district has a site with the code " + c + " already.");
        }
        Site saved = sites.save(Site.of(by.districtId(), c, n));
        audit.record(by.districtId(), "SITE_ADDED", "site", saved.id(), c + " " + n);
    }

    @Transactional
    void renameSite(StewardUser by, long siteId, String name) {
        Site site = sites.findByIdAndDistrictId(siteId, by.districtId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such site in your district."));
        String n = name == null ? "" : name.strip();
        site(site.code(), n, "The site " + site.code());
        sites.save(site.renamed(n));
        audit.record(by.districtId(), "SITE_RENAMED", "site", siteId, site.name() + " is now " + n);
    }
}
