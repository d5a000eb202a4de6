package org.steward.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.devices.Handovers;
import org.steward.devices.TakeHome;
import org.steward.accounts.StewardUser;
import org.steward.districts.DistrictTime;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.DemoMode;
import org.steward.accounts.Role;
import org.steward.acknowledgments.Campaign;
import org.steward.apps.App;
import org.steward.apps.AppList;
import org.steward.apps.PrivacyReview;
import org.steward.apps.PrivacyTerm;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.Signing;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.districts.Site;
import org.steward.districts.Sites;
import org.steward.devices.Custody;
import org.steward.devices.Inventory;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffMember;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;

/**
 * Fills an empty database with "Sample Unified School District": four sites, about 300 made-up staff with
 * supervisors, the model policy adopted and published twice (so there is a version diff to look at), one account
 * per role, and the district policies found in the folder {@code steward.demo.policies}, if given. The accounts tell
 * one story: the employee holds a laptop and signed last year, the supervisor is the employee's principal. The people
 * are generated from a fixed seed, so every demo has the same staff; the passwords are new each time. Until it has
 * loaded, the sign-in page says the demo is loading ({@link DemoMode}).
 */
@Component
class DemoDistrict {

    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);
    static final String SLUG = "sample";
    /** The demo's employee, a teacher at Lincoln Elementary School, and the teacher's principal, its supervisor. */
    static final String EMPLOYEE = "E1010";
    static final String SUPERVISOR = "E1001";

    private static final String[] FIRST = {"Maria", "James", "Linh", "Ana", "David", "Priya", "Jose", "Emily",
            "Michael", "Sofia", "Daniel", "Grace", "Luis", "Hannah", "Kevin", "Olivia", "Carlos", "Mei", "Robert",
            "Fatima", "Anthony", "Jasmine", "Eric", "Laura", "Marcus", "Rosa", "Thomas", "Aisha", "Brian", "Elena",
            "Samuel", "Nicole", "Victor", "Julia", "Andre", "Karen", "Miguel", "Teresa", "Steven", "Yuki"};
    private static final String[] LAST = {"Garcia", "Nguyen", "Smith", "Hernandez", "Johnson", "Lopez", "Patel",
            "Martinez", "Kim", "Brown", "Gonzalez", "Chen", "Davis", "Rodriguez", "Wilson", "Ramirez", "Lee",
            "Torres", "Anderson", "Flores", "Thomas", "Rivera", "Moore", "Sanchez", "Jackson", "Tran", "White",
            "Cruz", "Harris", "Ortiz", "Clark", "Reyes", "Lewis", "Morales", "Walker", "Chavez", "Young", "Singh"};

    private record Person(String employeeId, String first, String last, String site, String job, String boss,
                          LocalDate hired) {
    }

    private final Handovers handovers;
    private final DistrictTime time;
    private final Environment environment;
    private final Districts districts;
    private final Sites sites;
    private final StaffDirectory staff;
    private final PolicyLibrary policies;
    private final AccountDirectory accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Campaigns campaigns;
    private final Signing signing;
    private final Inventory inventory;
    private final Custody custody;
    private final AppList appList;
    private final DemoActivity activity;
    private final DemoMode demoMode;
    private final TakeHome takeHome;
    private final DemoPublishing publishing;

    DemoDistrict(Environment environment, Districts districts, Sites sites, StaffDirectory staff,
                 PolicyLibrary policies, AccountDirectory accounts, JdbcClient jdbc, TransactionTemplate transaction,
                 Clock clock, Campaigns campaigns, Signing signing, Inventory inventory,
                 Custody custody, AppList appList, DemoActivity activity, DistrictTime time, Handovers handovers,
                 DemoMode demoMode, TakeHome takeHome, DemoPublishing publishing) {
        this.publishing = publishing;
        this.takeHome = takeHome;
        this.demoMode = demoMode;
        this.handovers = handovers;
        this.time = time;
        this.environment = environment;
        this.districts = districts;
        this.sites = sites;
        this.staff = staff;
        this.policies = policies;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.campaigns = campaigns;
        this.signing = signing;
        this.inventory = inventory;
        this.custody = custody;
        this.appList = appList;
        this.activity = activity;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void loadIfEmpty() {
        if (!environment.getProperty("steward.demo.enabled", Boolean.class, false)) {
            return;
        }
        try {
            if (districts.findBySlug(SLUG).isEmpty() && accounts.isEmpty()) {
                long started = System.nanoTime();
                DemoScale scale = DemoScale.of(environment);
                SignIns signIns = transaction.execute(status -> load(scale));
                log.info("Loaded the demo district in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
                if (scale.larger()) {
                    writeAccounts(scale, signIns);
                }
            }
        } catch (RuntimeException e) {
            demoMode.failed();
            throw e;
        }
        demoMode.ready();
        printCredentials();
    }

    /** Loads the district; for a larger one, its people's sign-ins. */
    SignIns load(DemoScale scale) {
        District district = districts.save(District.named(SLUG, "Sample Unified School District", clock.instant()));
        long id = district.id();
        Map<String, String> siteNames = new LinkedHashMap<>();
        siteNames.put("DO", "District Office");
        siteNames.put("LES", "Lincoln Elementary School");
        siteNames.put("WMS", "Washington Middle School");
        siteNames.put("RHS", "Roosevelt High School");
        List<Person> people = people();
        if (scale.larger()) {
            people = larger(people, scale.staff(), siteNames);
        }
        siteNames.forEach((code, name) -> sites.save(Site.of(id, code, name)));

        Phases phases = new Phases();
        var report = staff.importRoster(id, List.of(new RosterUpload("demo-roster.csv",
                csv(people).getBytes(StandardCharsets.UTF_8))), "demo-roster.csv", "generated");
        if (!report.applied()) {
            throw new IllegalStateException("The demo roster did not import: " + report.problems());
        }
        phases.done("roster");
        Policy model = policies.adoptModel(id);
        policies.publish(id, model.id(), 1, "Adopted from the Steward model policy");
        policies.startDraft(id, model.id());
        policies.editClause(id, model.id(), 2, "E.2", "",
                "Passwords shall be at least fourteen (14) characters long, shall not be reused from personal "
                        + "accounts, and shall be changed at once if they may have been disclosed. Accounts that "
                        + "reach student data shall also use multi-factor sign-in.");
        policies.addClause(id, model.id(), 2, "C.17", "C.18", "",
                "Using generative AI services with student data, unless the service is on the District Approved "
                        + "App List for that use.");
        policies.publish(id, model.id(), 2, "Longer passwords; generative AI and student data");
        importPolicyFolder(id);
        phases.done("policies");

        Map<Role, String> staffFor = new LinkedHashMap<>();
        staffFor.put(Role.EMPLOYEE, EMPLOYEE);
        staffFor.put(Role.SUPERVISOR, SUPERVISOR);
        staffFor.put(Role.HR, "E0003");
        staffFor.put(Role.TECHNOLOGY, "E0004");
        staffFor.put(Role.RECORDS, "E0005");
        staffFor.put(Role.INVESTIGATOR, "E0006");
        staffFor.put(Role.DISTRICT_ADMIN, "E0002");
        staffFor.put(Role.COUNTY_ADMIN, "E0001");
        SecureRandom random = new SecureRandom();
        staffFor.forEach((role, employeeId) -> {
            var member = staff.search(id, employeeId, null, "", 1).get(0);
            String username = role.name().toLowerCase().replace('_', '-');
            String password = password(random);
            Role[] roles = role == Role.SUPERVISOR ? new Role[] {Role.SUPERVISOR, Role.EMPLOYEE}
                    : new Role[] {role};
            accounts.create(id, username, password, member.fullName(), member.email(), member.id(),
                    EnumSet.of(roles[0], roles));
            jdbc.sql("insert into demo_credential (username, password) values (?, ?)").params(username, password)
                    .update();
        });
        SignIns signIns = scale.larger()
                ? everyonesAccount(id, people, random, scale.cheapPasswordHash()) : SignIns.NONE;
        phases.done("accounts");
        lastYear(id, model);
        phases.done("last year's acknowledgments");
        List<HandedOver> handedOver = List.of();
        if (scale.larger()) {
            handedOver = devices(id, scale.devices(), siteNames.keySet().toArray(String[]::new));
        } else {
            devices(id);
        }
        phases.done("devices");
        if (scale.larger()) {
            firstMorning(id, model);
            takeHomeRequests(id, handedOver);
        } else {
            thisYear(id, model);
        }
        phases.done("this year's acknowledgments");
        apps(id);
        publishing.load(id);
        activity.load(id, district.zone(), environment.getProperty("steward.demo.categories", ""),
                scale.peopleInLog(), scale.larger());
        phases.done("apps and activity");
        log.info("Loaded the demo district with {} staff: {}", report.created(), phases);
        return signIns;
    }

    /** How long each part of the load took, for the log: the sign-in page waits for all of it. */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long since = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(phase).append(' ')
                    .append(String.format("%.1f s", (now - since) / 1e9));
            since = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * Last school year's campaign on version 1, open for forty days a year ago, signed by about a third (and by the
     * demo employee) and closed. The signatures are recorded at the days and hours they were given, as a district
     * records its signature pages from before Steward.
     */
    private void lastYear(long districtId, Policy model) {
        long version1 = policies.version(districtId, model.id(), 1).orElseThrow().id();
        LocalDate today = time.today(districtId);
        LocalDate opens = today.minusYears(1).minusDays(40);
        LocalDate due = today.minusYears(1);
        Campaign last = campaigns.open(districtId, new Campaigns.Opening(Campaigns.schoolYear(due), version1,
                Set.of(), Set.of(), opens, due), "demo");
        Random random = new Random(11);
        List<Signing.EarlierSignature> signed = new ArrayList<>();
        for (StaffMember member : staff.active(districtId)) {
            if (random.nextInt(100) < 30 || member.employeeId().equals(EMPLOYEE)) {
                signed.add(new Signing.EarlierSignature(member.id(), member.fullName(),
                        during(random, opens, due.minusDays(1), districtId),
                        "the demo's made-up signatures of " + last.schoolYear()));
            }
        }
        signing.recordEarlier(districtId, last.id(), signed, "demo");
        campaigns.close(districtId, last.id());
    }

    /**
     * This school year's campaign on version 2, opened forty days ago and due five days ago, signed by about two
     * thirds before last week's proxy log begins or during it. The demo employee has not signed yet, so they see what
     * changed since version 1; the demo supervisor has, so devices can be handed to them.
     */
    private void thisYear(long districtId, Policy model) {
        long version2 = policies.version(districtId, model.id(), 2).orElseThrow().id();
        LocalDate today = time.today(districtId);
        Campaign current = campaigns.open(districtId, new Campaigns.Opening(Campaigns.schoolYear(today), version2,
                Set.of(), Set.of(), today.minusDays(40), today.minusDays(5)), "demo");
        Random random = new Random(12);
        List<Signing.EarlierSignature> signed = new ArrayList<>();
        for (StaffMember member : staff.active(districtId)) {
            int draw = random.nextInt(100);
            if ((draw < 62 || member.employeeId().equals(SUPERVISOR)) && !member.employeeId().equals(EMPLOYEE)) {
                signed.add(new Signing.EarlierSignature(member.id(), member.fullName(),
                        during(random, current.opensOn(), today.minusDays(6), districtId),
                        "the demo's made-up signatures of " + current.schoolYear()));
            }
        }
        signing.recordEarlier(districtId, current.id(), signed, "demo");
    }

    /**
     * A larger district's first morning of the school year: this year's campaign on version 2 opens today, due in four
     * weeks, and nobody has signed it yet.
     */
    private void firstMorning(long districtId, Policy model) {
        long version2 = policies.version(districtId, model.id(), 2).orElseThrow().id();
        LocalDate today = time.today(districtId);
        campaigns.open(districtId, new Campaigns.Opening(Campaigns.schoolYear(today), version2, Set.of(), Set.of(),
                today, today.plusWeeks(4)), "demo");
    }

    /** A moment of a school day between two days: a weekday, between 07:30 and 16:30 in the district's time. */
    private Instant during(Random random, LocalDate from, LocalDate to, long districtId) {
        LocalDate day = from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
        if (day.getDayOfWeek().getValue() > 5) { // to the Friday before, or the Monday after when that is too early
            LocalDate friday = day.with(TemporalAdjusters.previous(DayOfWeek.FRIDAY));
            day = friday.isBefore(from) ? day.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) : friday;
        }
        return day.atTime(7, 30).plusMinutes(random.nextInt(9 * 60)).plusSeconds(random.nextInt(60))
                .atZone(time.zone(districtId)).toInstant();
    }

    /**
     * Eighty laptops, twenty hotspots and twenty USB drives (five of them not encrypted); the first thirty laptops
     * handed to staff who acknowledged last year's policy, the first to the demo employee, each hand-over signed
     * after that acknowledgment. The demo supervisor's hand-over is left for the browser tests.
     */
    private void devices(long districtId) {
        StringBuilder csv = new StringBuilder("asset_tag,serial_number,type,model,funding_source,purchase_date,"
                + "purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status\n");
        String[] siteCodes = {"DO", "LES", "WMS", "RHS"};
        LocalDate today = time.today(districtId);
        Random random = new Random(5);
        for (int i = 1; i <= 80; i++) {
            csv.append("L-%04d,5CD%06d,laptop,Latitude 3440,ESSER III,2024-07-15,849.00,%s,%s,yes,%s,yes,\n"
                    .formatted(i, 100_000 + i, siteCodes[i % 4], mac(random), today.minusDays(random.nextInt(60))));
        }
        for (int i = 1; i <= 20; i++) {
            csv.append("H-%04d,MF%06d,hotspot,Inseego MiFi X PRO,E-Rate,2025-01-10,199.00,%s,%s,no,,no,\n"
                    .formatted(i, 200_000 + i, siteCodes[i % 4], mac(random)));
        }
        for (int i = 1; i <= 20; i++) {
            boolean encrypted = i > 5;
            csv.append("U-%04d,KS%06d,portable_storage,%s,General fund,2025-02-01,%s,%s,,no,,%s,\n".formatted(i,
                    300_000 + i, encrypted ? "IronKey Keypad 200 64GB" : "Kingston DataTraveler 64GB",
                    encrypted ? "89.00" : "12.99", siteCodes[i % 4], encrypted ? "yes" : "no"));
        }
        var imported = inventory.importFile(districtId, "demo-devices.csv", csv.toString()
                .getBytes(StandardCharsets.UTF_8));
        if (!imported.applied()) {
            throw new IllegalStateException("The demo devices did not import: " + imported.problems());
        }
        int laptop = 1;
        List<StaffMember> people = new ArrayList<>(staff.active(districtId));
        people.sort(java.util.Comparator.comparing(m -> !m.employeeId().equals(EMPLOYEE))); // hers first: L-0001
        for (StaffMember member : people) {
            if (laptop > 30) {
                break;
            }
            if (member.employeeId().equals(SUPERVISOR)
                    || handovers.currentAcknowledgment(districtId, member.id()).isEmpty()) {
                continue; // the district requires the acknowledgment first
            }
            var handover = handovers.prepare(districtId, member.id(), List.of("L-%04d".formatted(laptop)),
                    "technology");
            handovers.sign(districtId, handover.id(), member.id(), Set.of(0, 1, 2, 3), member.fullName(),
                    "192.0.2.10", "Steward demo");
            laptop++;
        }
    }

    /** A laptop handed to a person of a larger district, who may ask to take it home. */
    private record HandedOver(String employeeId, String assetTag) {
    }

    /**
     * A larger district's devices at all its sites: half laptops, then tablets, desktops, hotspots and USB drives (one
     * in four of those not encrypted). A laptop is handed to everyone who acknowledged last year's policy, each
     * hand-over signed after that acknowledgment, as many as there are laptops.
     */
    private List<HandedOver> devices(long districtId, int count, String[] siteCodes) {
        StringBuilder csv = new StringBuilder("asset_tag,serial_number,type,model,funding_source,purchase_date,"
                + "purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status\n");
        LocalDate today = time.today(districtId);
        Random random = new Random(5);
        int laptops = count / 2;
        int tablets = count / 5;
        int desktops = count / 10;
        int hotspots = count / 10;
        for (int i = 1; i <= count; i++) {
            String site = siteCodes[random.nextInt(siteCodes.length)];
            if (i <= laptops) {
                csv.append("L-%04d,5CD%06d,laptop,Latitude 3440,ESSER III,2024-07-15,849.00,%s,%s,yes,%s,yes,\n"
                        .formatted(i, 100_000 + i, site, mac(random), today.minusDays(random.nextInt(60))));
            } else if (i <= laptops + tablets) {
                csv.append("T-%04d,DMP%06d,tablet,iPad 10th generation,Title I,2024-08-01,349.00,%s,%s,yes,%s,yes,\n"
                        .formatted(i, 400_000 + i, site, mac(random), today.minusDays(random.nextInt(60))));
            } else if (i <= laptops + tablets + desktops) {
                csv.append("D-%04d,MXL%06d,desktop,OptiPlex 7010,General fund,2023-06-20,719.00,%s,%s,yes,%s,yes,\n"
                        .formatted(i, 500_000 + i, site, mac(random), today.minusDays(random.nextInt(90))));
            } else if (i <= laptops + tablets + desktops + hotspots) {
                csv.append("H-%04d,MF%06d,hotspot,Inseego MiFi X PRO,E-Rate,2025-01-10,199.00,%s,%s,no,,no,\n"
                        .formatted(i, 200_000 + i, site, mac(random)));
            } else {
                boolean encrypted = random.nextInt(4) > 0;
                csv.append("U-%04d,KS%06d,portable_storage,%s,General fund,2025-02-01,%s,%s,,no,,%s,\n".formatted(i,
                        300_000 + i, encrypted ? "IronKey Keypad 200 64GB" : "Kingston DataTraveler 64GB",
                        encrypted ? "89.00" : "12.99", site, encrypted ? "yes" : "no"));
            }
        }
        var imported = inventory.importFile(districtId, "demo-devices.csv", csv.toString()
                .getBytes(StandardCharsets.UTF_8));
        if (!imported.applied()) {
            throw new IllegalStateException("The demo devices did not import: " + imported.problems());
        }
        List<HandedOver> handedOver = new ArrayList<>();
        int laptop = 1;
        List<StaffMember> people = new ArrayList<>(staff.active(districtId));
        people.sort(java.util.Comparator.comparing(m -> !m.employeeId().equals(EMPLOYEE))); // hers first: L-0001
        for (StaffMember member : people) {
            if (laptop > laptops) {
                break;
            }
            if (handovers.currentAcknowledgment(districtId, member.id()).isEmpty()) {
                continue; // the district requires the acknowledgment first
            }
            String tag = "L-%04d".formatted(laptop++);
            var handover = handovers.prepare(districtId, member.id(), List.of(tag), "technology");
            handovers.sign(districtId, handover.id(), member.id(), Set.of(0, 1, 2, 3), member.fullName(),
                    "192.0.2.10", "Steward demo");
            handedOver.add(new HandedOver(member.employeeId(), tag));
        }
        return handedOver;
    }

    private static final List<String> WHY_AT_HOME = List.of("Grading essays over the weekend",
            "Planning next week's lessons at home", "Online professional development course in the evenings",
            "Parent conferences by video after school", "Preparing the science fair judging sheets",
            "Writing IEP progress reports");

    /**
     * One in three of a larger district's laptop holders has asked to take theirs home, for their supervisor to
     * decide on the first morning.
     */
    private void takeHomeRequests(long districtId, List<HandedOver> handedOver) {
        LocalDate today = time.today(districtId);
        Random random = new Random(18);
        for (HandedOver laptop : handedOver) {
            if (laptop.employeeId().equals(EMPLOYEE) || random.nextInt(3) > 0) {
                continue; // the demo employee's story asks for hers on a page
            }
            StewardUser holder = (StewardUser) accounts.loadUserByUsername(laptop.employeeId());
            long deviceId = inventory.findByTag(districtId, laptop.assetTag()).orElseThrow().id();
            takeHome.request(districtId, deviceId, holder, WHY_AT_HOME.get(random.nextInt(WHY_AT_HOME.size())),
                    today.plusDays(7 + random.nextInt(60)));
        }
    }

    /**
     * A sign-in for every person of a larger district, their employee id as username, all sharing one new password:
     * supervisors also supervise, the district office's office staff are HR and its network technicians technology.
     */
    private SignIns everyonesAccount(long districtId, List<Person> people, SecureRandom random,
                                     boolean cheapHash) {
        String shared = password(random);
        Set<String> supervisors = new java.util.HashSet<>();
        people.forEach(p -> supervisors.add(p.boss()));
        Map<String, Long> ids = new java.util.HashMap<>();
        staff.active(districtId).forEach(m -> ids.put(m.employeeId(), m.id()));
        List<AccountDirectory.Holder> holders = new ArrayList<>();
        List<SignIns.Of> of = new ArrayList<>();
        for (Person p : people) {
            Role role = role(p, supervisors);
            holders.add(new AccountDirectory.Holder(p.employeeId(), p.first() + " " + p.last(), email(p),
                    ids.get(p.employeeId()), EnumSet.of(Role.EMPLOYEE, role)));
            of.add(new SignIns.Of(p.employeeId().toLowerCase(java.util.Locale.ROOT), role, p.site(),
                    p.first() + " " + p.last()));
        }
        accounts.createSharing(districtId, holders, shared, cheapHash);
        return new SignIns(shared, of);
    }

    /** A larger district's sign-ins: one per person, all with the same password. */
    record SignIns(String password, List<Of> of) {
        static final SignIns NONE = new SignIns(null, List.of());

        /** A person's username, the role their virtual user plays in the load benchmark, their site and name. */
        record Of(String username, Role role, String site, String name) {
        }
    }

    private static Role role(Person p, Set<String> supervisors) {
        if (p.employeeId().equals("E0003") || p.site().equals("DO") && p.job().equals("Office Staff")) {
            return Role.HR;
        }
        if (p.employeeId().equals("E0004") || p.job().equals("Network Technician")) {
            return Role.TECHNOLOGY;
        }
        return supervisors.contains(p.employeeId()) ? Role.SUPERVISOR : Role.EMPLOYEE;
    }

    /**
     * The larger district's sign-ins for the load benchmark's virtual users: username, the shared password, the
     * role they play, their site, and their name as they type it to sign. Readable only by the user running Steward.
     */
    private void writeAccounts(DemoScale scale, SignIns signIns) {
        StringBuilder csv = new StringBuilder("username,password,role,site,name\n");
        for (SignIns.Of person : signIns.of()) {
            csv.append(String.join(",", person.username(), signIns.password(),
                    person.role().name().toLowerCase(java.util.Locale.ROOT), person.site(), person.name()))
                    .append('\n');
        }
        try {
            Path file = scale.accountsFile().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), ".demo-accounts", ".csv",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, csv);
            // whole or not at all: the load benchmark starts when the file is there
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            log.info("The demo district's {} sign-ins and their shared password are in {}", signIns.of().size(), file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not write the demo's sign-ins to " + scale.accountsFile(), e);
        }
    }

    /** A few apps: approved, approved with conditions, denied, and one under review. */
    private void apps(long districtId) {
        Map<PrivacyTerm, PrivacyReview.Answer> allYes = new java.util.EnumMap<>(PrivacyTerm.class);
        for (PrivacyTerm term : PrivacyTerm.values()) {
            allYes.put(term, PrivacyReview.Answer.YES);
        }
        App notebook = appList.add(districtId, new AppList.Details("Classroom Notebook", "Notebook Learning Inc.",
                "https://notebook.example.com", "Assignments and class discussion", "3-5,6-8,9-12",
                "Names, student numbers, assignments", "Names, school e-mail", false, true, true, App.Agreement.CSDPA,
                LocalDate.of(2025, 6, 1), LocalDate.of(2028, 6, 1), false), "demo");
        appList.review(districtId, notebook.id(), allYes, "demo");
        appList.decide(districtId, notebook.id(), App.Status.APPROVED, "", "demo");
        App math = appList.add(districtId, new AppList.Details("Math Practice Lab", "Numberwise LLC",
                "https://mathlab.example.com", "Adaptive math practice", "TK-2,3-5", "First names, scores", "", false,
                true, true, App.Agreement.NDPA, LocalDate.of(2024, 8, 1), LocalDate.of(2027, 8, 1), true), "demo");
        appList.review(districtId, math.id(), allYes, "demo");
        appList.decide(districtId, math.id(), App.Status.APPROVED_WITH_CONDITIONS,
                "Students sign in with class codes only; no student e-mail addresses.", "demo");
        App scheduler = appList.add(districtId, new AppList.Details("Staff Scheduler", "ShiftCo",
                "https://shifts.example.com", "Substitute and duty scheduling", "staff", "", "Names, phone numbers",
                false, false, false, App.Agreement.NONE, null, null, false), "demo");
        appList.decide(districtId, scheduler.id(), App.Status.APPROVED, "", "demo");
        App games = appList.add(districtId, new AppList.Details("Quiz Arcade", "Arcade Media",
                "https://quizarcade.example.com", "Review games", "6-8", "Names, usage", "", true, false, false,
                App.Agreement.NONE, null, null, false), "demo");
        appList.decide(districtId, games.id(), App.Status.DENIED, "", "demo");
        appList.add(districtId, new AppList.Details("Photo Share", "Snapclass", "https://snapclass.example.com",
                "Class photo albums for families", "TK-2,3-5", "Photos, names", "", false, true, true,
                App.Agreement.NONE, null, null, false), "demo");
    }

    private static String mac(Random random) {
        return "%02x:%02x:%02x:%02x:%02x:%02x".formatted(0x3c, 0x52, 0x82, random.nextInt(256), random.nextInt(256),
                random.nextInt(256));
    }

    private void importPolicyFolder(long districtId) {
        String folder = environment.getProperty("steward.demo.policies", "");
        if (folder.isBlank()) {
            return;
        }
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                Policy policy = policies.importText(districtId, "", Files.readString(file));
                policies.publish(districtId, policy.id(), 1, "Imported from " + file.getFileName());
            }
        } catch (IOException e) {
            log.warn("Could not read the policies in {}: {}", folder, e.getMessage());
        }
    }

    private void printCredentials() {
        List<String> lines = jdbc.sql("select username || '  /  ' || password from demo_credential order by username")
                .query(String.class).list();
        if (!lines.isEmpty()) {
            String port = environment.getProperty("local.server.port", "8080");
            log.warn("""

                    ================================================================================
                     Demo mode: Sample Unified School District at http://localhost:{}
                     Accounts (username  /  password), one per role:
                       {}
                    ================================================================================""",
                    port, String.join("\n   ", lines));
        }
    }

    private static String password(SecureRandom random) {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            p.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return p.toString();
    }

    /** About 300 staff: a district office, and at each school a principal, an assistant principal and staff. */
    static List<Person> people() {
        Random random = new Random(4040);
        List<Person> people = new ArrayList<>();
        people.add(person(random, "E0001", "DO", "Superintendent", ""));
        people.add(person(random, "E0002", "DO", "Assistant Superintendent", "E0001"));
        people.add(person(random, "E0003", "DO", "Human Resources Director", "E0002"));
        people.add(person(random, "E0004", "DO", "Technology Director", "E0002"));
        people.add(person(random, "E0005", "DO", "Records Manager", "E0002"));
        people.add(person(random, "E0006", "DO", "Investigations Officer", "E0003"));
        int next = 7;
        for (int i = 0; i < 8; i++) {
            people.add(person(random, "E%04d".formatted(next++), "DO", "Network Technician", "E0004"));
        }
        for (int i = 0; i < 6; i++) {
            people.add(person(random, "E%04d".formatted(next++), "DO", "Office Staff", "E0003"));
        }
        String[] schools = {"LES", "WMS", "RHS"};
        int[] teachers = {65, 70, 100};
        next = 1000;
        for (int s = 0; s < schools.length; s++) {
            String principal = "E%04d".formatted(next + 1);
            String assistant = "E%04d".formatted(next + 2);
            people.add(person(random, principal, schools[s], "Principal", "E0002"));
            people.add(person(random, assistant, schools[s], "Assistant Principal", principal));
            int n = next + 10;
            for (int t = 0; t < teachers[s]; t++) {
                people.add(person(random, "E%04d".formatted(n++), schools[s], "Teacher", t % 2 == 0 ? principal : assistant));
            }
            for (int a = 0; a < 8; a++) {
                people.add(person(random, "E%04d".formatted(n++), schools[s], "Instructional Aide", assistant));
            }
            people.add(person(random, "E%04d".formatted(n++), schools[s], "Counselor", principal));
            people.add(person(random, "E%04d".formatted(n++), schools[s], "Librarian", principal));
            people.add(person(random, "E%04d".formatted(n++), schools[s], "Office Manager", principal));
            next += 1000;
        }
        return people;
    }

    /** Where a larger district's schools after the first three are named from, and then numbered. */
    private static final String[] MORE_SCHOOLS = {"Jefferson Elementary School", "Madison Middle School",
            "Kennedy High School", "Cesar Chavez Elementary School", "Dolores Huerta Elementary School",
            "Sally Ride Middle School", "John Muir Elementary School", "Steinbeck Elementary School",
            "Monroe Middle School", "Earl Warren High School", "Sequoia Elementary School", "Redwood Elementary School",
            "Sierra Vista Middle School", "Del Mar Elementary School", "Mission High School", "Los Altos Elementary School"};

    /**
     * The ordinary demo's people and schools, then more schools of about 120 staff each, laid out as the first three
     * are, until the district has {@code staff} people; the sites they need go into {@code siteNames}.
     */
    static List<Person> larger(List<Person> ordinary, int staff, Map<String, String> siteNames) {
        List<Person> people = new ArrayList<>(ordinary);
        Random random = new Random(4041);
        int next = 4000;
        for (int s = 0; people.size() < staff; s++) {
            String code = "S%02d".formatted(s + 4);
            siteNames.put(code, s < MORE_SCHOOLS.length ? MORE_SCHOOLS[s] : "School No. " + (s + 4));
            String principal = "E%04d".formatted(next + 1);
            String assistant = "E%04d".formatted(next + 2);
            people.add(person(random, principal, code, "Principal", "E0002"));
            people.add(person(random, assistant, code, "Assistant Principal", principal));
            int n = next + 10;
            String[] others = {"Counselor", "Librarian", "Office Manager"};
            for (int t = 0; t < 115 && people.size() < staff; t++) {
                String job = t < others.length ? others[t] : t < 11 ? "Instructional Aide" : "Teacher";
                String boss = job.equals("Instructional Aide") || t % 2 == 1 ? assistant : principal;
                people.add(person(random, "E%04d".formatted(n++), code, job, boss));
            }
            next += 1000;
        }
        return people;
    }

    private static Person person(Random random, String employeeId, String site, String job, String boss) {
        LocalDate hired = LocalDate.of(1998 + random.nextInt(27), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return new Person(employeeId, FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)], site,
                job, boss, hired);
    }

    private static String csv(List<Person> people) {
        StringBuilder csv = new StringBuilder(
                "employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status\n");
        for (Person p : people) {
            csv.append(String.join(",", p.employeeId(), p.first(), p.last(), email(p), p.site(), p.job(), p.boss(),
                    p.hired().toString(), "active")).append('\n');
        }
        return csv.toString();
    }

    private static String email(Person p) {
        return (p.first() + "." + p.last() + "." + p.employeeId().substring(1)).toLowerCase() + "@sample.k12.ca.us";
    }
}
