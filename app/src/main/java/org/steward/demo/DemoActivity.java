package org.steward.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.steward.activity.CategoryLists;
import org.steward.activity.DistrictRules;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.InternetUse;
import org.steward.activity.Sources;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * The demo's monitoring: category lists (UT1's, read from the folder {@code steward.demo.categories} when given, or
 * the demo's own list of well-known sites of each category) and a school week of proxy logs for sixty staff, mostly
 * work, some personal browsing at lunch, and a few violations of each kind, so the reports and the findings queue
 * are full on first start. The demo employee shopped during Wednesday's classes: the rules find it in the log, and
 * technology services has confirmed that finding, so the story has one to find.
 */
@Component
class DemoActivity {

    private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

    /** The sites the made-up log visits outside work, by category (UT1's lists have all but etsy.com and mega.nz). */
    static final Map<String, List<String>> CATEGORIES = Map.of(
            "games", List.of("roblox.com", "poki.com", "coolmathgames.com", "miniclip.com"),
            "gambling", List.of("draftkings.com", "pokerstars.com", "bet365.com"),
            "social_networks", List.of("facebook.com", "instagram.com", "tiktok.com", "x.com"),
            "shopping", List.of("amazon.com", "ebay.com", "target.com", "etsy.com"),
            "audio-video", List.of("netflix.com", "twitch.tv", "hulu.com"),
            "redirector", List.of("hidemyass.com", "proxysite.com", "croxyproxy.com"),
            "filehosting", List.of("mega.nz", "mediafire.com"));
    /** The demo employee's shopping in Wednesday's classes: the hour and minute of each visit, and the site. */
    private static final List<String> CLASS_TIME_SHOPPING = List.of("09:12 www.amazon.com", "09:47 www.target.com",
            "10:31 www.amazon.com", "11:06 www.ebay.com", "13:52 www.amazon.com", "14:24 www.target.com");
    /** Technology services' reason for confirming the employee's finding, as its page shows it. */
    private static final String CONFIRMED_BECAUSE = "Shopping sites through Wednesday's lessons, not at lunch: six visits "
            + "between 09:12 and 14:24, checked against Lincoln's bell schedule.";
    private static final List<String> WORK = List.of("classroom.google.com", "docs.google.com", "www.khanacademy.org",
            "sampleusd.org", "www.cde.ca.gov", "clever.com", "www.pbslearningmedia.org", "quizlet.com",
            "www.scholastic.com", "en.wikipedia.org");

    private final CategoryLists categories;
    private final Sources sources;
    private final Ingestion ingestion;
    private final StaffDirectory staff;
    private final DistrictRules rules;
    private final Findings findings;
    private final Clock clock;

    DemoActivity(CategoryLists categories, Sources sources, Ingestion ingestion, StaffDirectory staff,
                 DistrictRules rules, Findings findings, Clock clock) {
        this.findings = findings;
        this.categories = categories;
        this.sources = sources;
        this.ingestion = ingestion;
        this.staff = staff;
        this.rules = rules;
        this.clock = clock;
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /**
     * Installs the category lists (the UT1 lists in {@code ut1Folder} when given and there, else the demo's own), loads
     * the duty calendar, ingests last week's proxy log of {@code people} staff and confirms the finding it raises about
     * the demo employee. In a larger district one teacher in six of the log breaks a rule, not five in all.
     */
    void load(long districtId, ZoneId zone, String ut1Folder, int people, boolean larger) {
        // the lists as a UT1 archive, as a district's technology staff upload one: no folder on the server is needed
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        String origin;
        try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(archive))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Path folder = ut1Folder.isBlank() ? null : Path.of(ut1Folder);
            if (folder != null && Files.isDirectory(folder)) {
                packFolder(tar, folder);
                origin = folder.toAbsolutePath().normalize().toString();
            } else {
                if (folder != null) {
                    log.warn("There are no category lists in {}: the demo uses its own short lists", ut1Folder);
                }
                packOwnLists(tar);
                origin = "demo-lists.tar.gz";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        categories.installArchive(districtId, new ByteArrayInputStream(archive.toByteArray()), origin, "demo");
        // teachers' and aides' duty day is the bell schedule's; the others keep the district's 07:30 to 16:00
        rules.saveCalendar(districtId, "07:30-16:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "",
                "Teacher: 07:45-15:15\nInstructional Aide: 08:00-14:30\nNetwork Technician: 07:00-15:30", "demo");
        Sources.Source proxy = sources.create(districtId,
                Sources.Setup.of("Squid proxy (district office)", Sources.Kind.UPLOAD, Sources.Format.SQUID), "demo");
        byte[] log = week(districtId, zone, people, larger).getBytes(StandardCharsets.UTF_8);
        Ingestion.Run run = ingestion.ingest(districtId, proxy.id(), new ByteArrayInputStream(log), "access.log",
                "demo");
        if (run.status() != Ingestion.Status.DONE) {
            throw new IllegalStateException("The demo log did not ingest: " + run.problem());
        }
        confirmTheEmployeesFinding(districtId, zone);
    }

    /** Technology services confirms what the rules found about the demo employee's shopping, as its page would. */
    private void confirmTheEmployeesFinding(long districtId, ZoneId zone) {
        StaffMember employee = staff.active(districtId).stream()
                .filter(m -> m.employeeId().equals(DemoDistrict.EMPLOYEE)).findFirst().orElseThrow();
        List<Findings.Finding> found = findings.queue(districtId, new Findings.Filter("personal-browsing-during-duty",
                null, null, null, Findings.Status.OPEN, null, null, InternetUse.Who.staff(employee.id()).key()),
                zone, 1);
        if (found.isEmpty()) {
            throw new IllegalStateException("The demo log raised no finding about " + employee.fullName()
                    + "'s shopping in class time");
        }
        findings.triage(districtId, found.get(0).id(), Findings.Status.CONFIRMED, CONFIRMED_BECAUSE, "technology");
    }

    /** UT1's layout from a folder: each category's domains, urls and usage, and the aliases (small files naming one). */
    private static void packFolder(TarArchiveOutputStream tar, Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                boolean list = relative.contains("/") && List.of("domains", "urls", "usage").contains(name);
                boolean alias = !relative.contains("/") && name.matches("[a-z0-9_-]+") && Files.size(file) < 64;
                if (list || alias) {
                    entry(tar, "blacklists/" + relative, Files.readAllBytes(file));
                }
            }
        }
    }

    /** The demo's own lists: a category per line, a colon, its domains (and host/path prefixes) after it. */
    private static void packOwnLists(TarArchiveOutputStream tar) throws IOException {
        String text;
        try (var in = DemoActivity.class.getResourceAsStream("/demo/category-lists.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            String category = line.substring(0, line.indexOf(':')).strip();
            List<String> entries = List.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
            List<String> domains = entries.stream().filter(e -> !e.contains("/")).toList();
            List<String> urls = entries.stream().filter(e -> e.contains("/")).toList();
            entry(tar, "blacklists/" + category + "/domains", lines(domains));
            if (!urls.isEmpty()) {
                entry(tar, "blacklists/" + category + "/urls", lines(urls));
            }
        }
        entry(tar, "blacklists/proxy", "redirector\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] lines(List<String> entries) {
        return (String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Last week's school days, Monday to Friday, for the first staff with an e-mail address (sixty in the demo). */
    private String week(long districtId, ZoneId zone, int count, boolean larger) {
        Random random = new Random(4040);
        LocalDate monday = LocalDate.now(clock.withZone(zone)).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1);
        List<StaffMember> people = staff.active(districtId).stream()
                .filter(m -> m.email() != null && !m.email().isBlank()).limit(count).toList();
        // the rule breakers are teachers (the n-th teacher of the sixty), not the staff who run Steward
        int[] teacher = new int[people.size()];
        int teachers = 0;
        for (int p = 0; p < people.size(); p++) {
            teacher[p] = "Teacher".equals(people.get(p).jobFunction()) ? teachers++ : -1;
        }
        List<long[]> times = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            LocalDate date = monday.plusDays(day);
            for (int p = 0; p < people.size(); p++) {
                StaffMember person = people.get(p);
                String user = person.email().substring(0, person.email().indexOf('@'));
                String client = "10.20." + (p / 200) + "." + (10 + p % 200);
                long start = date.atTime(7, 40).atZone(zone).toInstant().toEpochMilli();
                // work: a request every few minutes from 07:40 to 15:30
                for (long t = start + random.nextInt(600_000); t < start + 470 * 60_000L;
                     t += 60_000 + random.nextInt(420_000)) {
                    add(times, lines, t, client, user, "https://" + WORK.get(random.nextInt(WORK.size())) + "/");
                }
                // lunch, 12:00 to 12:40: personal browsing for about half
                if (random.nextInt(2) == 0) {
                    long lunch = date.atTime(12, 5).atZone(zone).toInstant().toEpochMilli();
                    String site = pick(random, random.nextBoolean() ? "shopping" : "social_networks");
                    for (int i = 0; i < 6; i++) {
                        add(times, lines, lunch + i * 90_000L, client, user, "https://www." + site + "/");
                    }
                }
                // a few people break the rules, each in their own way
                long tenAm = date.atTime(10, 15).atZone(zone).toInstant().toEpochMilli();
                switch (larger && teacher[p] >= 0 ? teacher[p] % 30 : teacher[p]) {
                    case 3, 17 -> add(times, lines, tenAm, client, user, "https://" + pick(random, "games") + "/play");
                    case 8 -> add(times, lines, tenAm, client, user, "https://" + pick(random, "gambling") + "/");
                    case 11 -> add(times, lines, tenAm, client, user, "https://" + pick(random, "redirector") + "/");
                    case 25 -> {
                        for (int i = 0; i < 20; i++) {
                            // a minute of video a minute: 15 MB each, 300 MB in the twenty minutes
                            add(times, lines, tenAm + i * 60_000L, client, user,
                                    "https://www." + pick(random, "audio-video") + "/watch", 15_000_000);
                        }
                    }
                    default -> { }
                }
                // the demo employee, no random draws: everyone else's week stays as it was
                if (day == 2 && person.employeeId().equals(DemoDistrict.EMPLOYEE)) {
                    for (String visit : CLASS_TIME_SHOPPING) {
                        long at = date.atTime(LocalTime.parse(visit.substring(0, 5))).atZone(zone)
                                .toInstant().toEpochMilli();
                        String site = visit.substring(6);
                        add(times, lines, at, client, user, "https://" + site + "/");
                        add(times, lines, at + 70_000, client, user, "https://" + site + "/cart");
                    }
                }
            }
        }
        Integer[] order = new Integer[lines.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> times.get(i)[0]));
        StringBuilder out = new StringBuilder();
        for (Integer i : order) {
            out.append(lines.get(i)).append('\n');
        }
        return out.toString();
    }

    private static String pick(Random random, String category) {
        List<String> sites = CATEGORIES.get(category);
        return sites.get(random.nextInt(sites.size()));
    }

    private static void add(List<long[]> times, List<String> lines, long end, String client, String user,
                            String url) {
        add(times, lines, end, client, user, url, 2_000 + end % 60_000);
    }

    private static void add(List<long[]> times, List<String> lines, long end, String client, String user,
                            String url, long bytes) {
        int elapsed = 80 + (int) (end % 900);
        times.add(new long[] {end});
        lines.add(String.format("%d.%03d %6d %s TCP_MISS/200 %d GET %s %s HIER_DIRECT/93.184.216.34 text/html",
                end / 1000, end % 1000, elapsed, client, bytes, url, user));
    }
}
