package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.events.WebRequest;
import org.steward.engine.parse.SquidLineParser;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.SiteNames;
import org.steward.engine.usage.UsageRow;

/**
 * The engine checked against its peers, Debian's SARG 2.4 and squidGuard 1.6, on the shared real logs and on a
 * generated one: per person and site the requests, bytes and elapsed milliseconds are SARG's, and whether a request
 * is in a listed category is squidGuard's for at least 999 requests in 1,000, with the same 13 UT1 categories.
 *
 * <p>SARG is told, by its own documented settings, to leave out what Steward does not count as browsing: its
 * {@code exclude_codes} file lists the result codes of the log's proxy authentication challenges (status 407), proxy
 * errors ({@code NONE/400}, {@code NONE_NONE/400} and the codes of Squid's {@code error:} pseudo-URLs) and blocked
 * attempts (codes with {@code DENIED}), which Steward counts apart; {@code max_elapsed 0} keeps every elapsed time
 * (SARG's default zeroes those over 8 hours); records without a user are the client's address, as Steward's are where
 * no lease names a person; a log that starts with a line that is not one is given from its first line that is (SARG
 * tells the format from the first line), and SARG skips as many lines that are not log lines as there are (by
 * default it stops after 4 in a row), where Steward counts them as bad lines. SARG reports a host as the log wrote it, so its hosts are mapped to sites as Steward maps
 * a URL's host. Every difference is printed; docs/activity-rules.md explains the ones that remain.
 *
 * <p>Skipped with a message where {@code sarg} or {@code squidGuard} is not installed, failing under CI, whose
 * {@code .ci/run} installs them.
 */
class PeerAgreementTest {

    static final List<String> CATEGORIES = List.of("gambling", "games", "audio-video", "redirector",
            "social_networks", "warez", "malware", "phishing", "shopping", "webmail", "filehosting", "chat", "dating");

    @TempDir static Path dir;
    static Path generated;
    static Ut1Lists.Loaded lists;

    @BeforeAll
    static void peersAndLogs() throws Exception {
        boolean installed = onPath("sarg") && onPath("squidGuard") && onPath("python3");
        if (!installed) {
            String message = "sarg, squidGuard and python3 are needed (apt-get install sarg squidguard python3)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ": CI installs them, so their absence is a failure");
            }
            assumeTrue(false, message + "; skipping the agreement with the peers");
        }
        generated = dir.resolve("generated.log");
        run(dir, "python3", Shared.data("../bench/gen_squidlog.py").toString(), "200000", generated.toString());
        lists = Ut1Lists.load(Shared.data("ut1"), Set.copyOf(CATEGORIES), List.of(), List.of());
        oddlyWritten = Files.write(dir.resolve("oddly-written.log"), oddlyWritten());
    }

    static Path oddlyWritten;

    static Stream<String> logs() {
        return Stream.of("squid/netdata_godplugin_squidlog_access.log", "squid/plaso_squid_access.log", "generated",
                "oddly written");
    }

    static Path log(String name) {
        return switch (name) {
            case "generated" -> generated;
            case "oddly written" -> oddlyWritten;
            default -> Shared.data(name);
        };
    }

    /**
     * Listed hosts and URLs of the 13 categories written as a person evading a rule might write them: upper case, a
     * trailing dot, percent-encoding, a user name and a port, a query straight after the host, www3 before a listed
     * URL, a listed host in the query of an unlisted one, and authenticated and denied requests among them.
     */
    static List<String> oddlyWritten() throws IOException {
        List<String> out = new ArrayList<>();
        long time = 1_767_600_000_000L;
        int n = 0;
        for (String category : CATEGORIES) {
            List<String> domains = Files.readAllLines(Shared.data("ut1/" + category + "/domains")).stream()
                    .filter(d -> !d.isBlank() && !d.startsWith("#") && !Character.isDigit(d.charAt(d.length() - 1)))
                    .limit(40).toList();
            for (String d : domains) {
                String user = "u" + (n++ % 7);
                for (String url : List.of("http://" + d.toUpperCase() + "/", "http://www." + d + "./x",
                        "http://" + user + ":pw@" + d + ":8080/y", "http://" + d + "?q=1",
                        "http://%" + Integer.toHexString(d.charAt(0)) + d.substring(1) + "/",
                        "http://example.com/?u=http://" + d + "/")) {
                    time += 1_500;
                    out.add("%d.%03d %6d 10.1.0.%d TCP_MISS/200 %d GET %s %s HIER_DIRECT/1.2.3.4 text/html"
                            .formatted(time / 1000, time % 1000, 120, n % 200, 1000 + n, url, user));
                }
                time += 1_000;
                out.add("%d.%03d %6d 10.1.0.%d TCP_TUNNEL/200 5000 CONNECT %s:443 %s HIER_DIRECT/1.2.3.4 -"
                        .formatted(time / 1000, time % 1000, 90_000, n % 200, d.toUpperCase() + ".", user));
                time += 1_000;
                out.add("%d.%03d %6d 10.1.0.%d TCP_DENIED/407 3800 GET http://%s/ - HIER_NONE/- text/html"
                        .formatted(time / 1000, time % 1000, 0, n % 200, d));
                time += 1_000;
                out.add("%d.%03d %6d 10.1.0.%d TCP_DENIED/403 3900 GET http://%s/ %s HIER_NONE/- text/html"
                        .formatted(time / 1000, time % 1000, 0, n % 200, d, user));
            }
            Path urls = Shared.data("ut1/" + category + "/urls");
            if (Files.exists(urls)) {
                for (String entry : Files.readAllLines(urls).stream().filter(u -> u.contains("/")).limit(40).toList()) {
                    int slash = entry.indexOf('/');
                    String host = entry.substring(0, slash);
                    for (String url : List.of("http://" + entry + "/more", "http://www3." + host
                            + entry.substring(slash).toUpperCase(), "http://" + host + "/elsewhere")) {
                        time += 1_500;
                        out.add("%d.%03d %6d 10.1.0.%d TCP_MISS/200 700 GET %s u%d HIER_DIRECT/1.2.3.4 text/html"
                                .formatted(time / 1000, time % 1000, 80, n % 200, url, n++ % 7));
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("logs")
    void requestsBytesAndElapsedPerPersonAndSiteAreSargs(String name) throws Exception {
        Path log = log(name);
        Map<String, long[]> ours = new TreeMap<>();
        for (UsageRow row : analyze(log)) {
            long[] sums = ours.computeIfAbsent(row.person() + " " + row.site(), k -> new long[3]);
            sums[0] += row.requests();
            sums[1] += row.bytes();
            sums[2] += row.elapsedMs();
        }
        ours.values().removeIf(s -> s[0] == 0); // rows of blocked attempts alone, which SARG is told to leave out

        Map<String, long[]> sargs = sarg(log);

        List<String> differences = new ArrayList<>();
        for (String key : union(ours.keySet(), sargs.keySet())) {
            long[] a = ours.getOrDefault(key, new long[3]);
            long[] b = sargs.getOrDefault(key, new long[3]);
            if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2]) {
                differences.add("%s: Steward %d requests, %d bytes, %d ms; SARG %d, %d, %d"
                        .formatted(key, a[0], a[1], a[2], b[0], b[1], b[2]));
            }
        }
        differences.stream().limit(50).forEach(d -> System.out.println(name + ": " + d));
        assertThat(ours).as("people and sites in " + name).isNotEmpty();
        assertThat(differences).as("differences from SARG in " + name).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("logs")
    void whetherARequestIsInAListedCategoryIsSquidGuards(String name) throws Exception {
        Path log = log(name);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        SquidLineParser parser = new SquidLineParser();
        List<String> input = new ArrayList<>();
        List<Boolean> oursListed = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            WebRequest request = parser.parse(lines.get(i), i + 1);
            if (request == null || request.host().isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).strip().split(" +");
            input.add(f[6] + " " + f[2] + "/- " + f[7] + " " + f[5]); // squidGuard's redirector protocol
            urls.add(f[6]);
            oursListed.add(!lists.index().categorize(request.host(), request.url(), request.pathStart()).isEmpty());
        }
        List<String> answers = squidGuard(input);

        assertThat(answers).hasSameSizeAs(input);
        Map<String, List<String>> differences = new TreeMap<>();
        for (int i = 0; i < input.size(); i++) {
            boolean theirs = answers.get(i).startsWith("OK");
            if (theirs != oursListed.get(i)) {
                differences.computeIfAbsent((theirs ? "squidGuard lists, Steward does not"
                        : "Steward lists, squidGuard does not") + explanation(urls.get(i)), k -> new ArrayList<>())
                        .add(urls.get(i));
            }
        }
        differences.forEach((kind, list) -> System.out.printf("%s: %d: %s, e.g. %s%n", name, list.size(), kind,
                list.subList(0, Math.min(3, list.size()))));
        long unexplained = differences.entrySet().stream().filter(e -> !e.getKey().contains(" (where "))
                .mapToLong(e -> e.getValue().size()).sum();
        double agreement = 1 - (double) unexplained / input.size();
        System.out.printf("%s: %d requests, %d differ from squidGuard unexplained, agreement %.5f%n", name,
                input.size(), unexplained, agreement);
        assertThat(input).isNotEmpty();
        assertThat(agreement).as("agreement with squidGuard in " + name).isGreaterThanOrEqualTo(0.999);
        assertThat(differences.keySet()).as("squidGuard never lists what Steward does not, where it is explained")
                .noneMatch(kind -> kind.startsWith("squidGuard lists") && kind.contains(" (where "));
    }

    /**
     * Why Steward lists a request squidGuard does not, where squidGuard can be walked around (docs/activity-rules.md):
     * it takes the host to run to the first '/', so {@code http://casino.com?q=1} is a host of its own, and it does
     * not drop the trailing dot of a tunnel's host.
     */
    static String explanation(String url) {
        if (url.matches("(?i)[a-z][a-z0-9+.\\-]*://[^/]*\\?.*")) {
            return " (where squidGuard takes a query straight after the host as part of the host)";
        }
        if (url.matches("[^/]*\\.:\\d+")) {
            return " (where squidGuard keeps the trailing dot of a tunnel's host)";
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.\\-_]*://", "");
        int slash = lower.indexOf('/');
        if (slash > 0) {
            String host = lower.substring(0, slash);
            for (String form : List.of(lower, host.replaceFirst("^(www|web|ftp)[0-9]*\\.", "") + lower.substring(slash))) {
                for (TreeSet<String> entries : URL_LISTS) {
                    List<String> matching = entries.stream()
                            .filter(e -> form.startsWith(e.toLowerCase(java.util.Locale.ROOT))).toList();
                    if (matching.stream().anyMatch(e -> e.contains("//"))) {
                        return " (where the listed URL holds '//', which squidGuard never matches)";
                    }
                    String nearest = entries.floor(form);
                    if (!matching.isEmpty() && nearest != null
                            && !form.startsWith(nearest.toLowerCase(java.util.Locale.ROOT))) {
                        return " (where a longer listed URL sorts between the listed one and the request: squidGuard"
                                + " looks at the nearest entry only)";
                    }
                }
            }
        }
        return "";
    }

    /**
     * The 13 categories' URL lists in order, as squidGuard's database holds them: in their own case (squidGuard
     * compares a request with the nearest entry in lower case, but finds that entry by the entries' bytes).
     */
    static final List<TreeSet<String>> URL_LISTS = CATEGORIES.stream().map(c -> {
        Path urls = Shared.data("ut1/" + c + "/urls");
        try {
            return Files.exists(urls) ? Files.readAllLines(urls).stream().map(String::strip)
                    .filter(u -> !u.isEmpty()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)) : new TreeSet<String>();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }).toList();

    static List<UsageRow> analyze(Path log) {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        return new Analyzer(new Analyzer.Settings(lists.index(), lists::canonical, RulePack.defaults(),
                WorkCalendar.standard(la), Leases.NONE, 2, Duration.ofMinutes(5).toMillis(), 5))
                .analyze(List.of(log)).usageRows();
    }

    /**
     * SARG's user reports (one HTML page a user: each site's connections, bytes and milliseconds, with exact values),
     * summed per person and site. Its data file is not used: SARG 2.4 writes each row there under the next user's name.
     */
    static Map<String, long[]> sarg(Path log) throws Exception {
        Path work = Files.createTempDirectory(dir, "sarg");
        Path codes = Files.write(work.resolve("exclude_codes"), excludedCodes(log));
        Path out = Files.createDirectories(work.resolve("out"));
        Files.createDirectories(work.resolve("tmp"));
        Path conf = Files.writeString(work.resolve("sarg.conf"), """
                output_dir %1$s/out
                temporary_dir %1$s/tmp
                resolve_ip no
                user_ip no
                date_format u
                overwrite_report yes
                records_without_userid ip
                report_type topusers users_sites
                graphs no
                max_elapsed 0
                show_successful_message no
                displayed_values bytes
                user_report_limit 0
                use_comma no
                max_successive_log_errors 1000000
                max_total_log_errors 1000000
                exclude_codes %2$s
                """.formatted(work, codes));
        run(work, "sarg", "-f", conf.toString(), "-l", fromTheFirstLogLine(log, work).toString(), "-o",
                out.toString());
        Map<String, long[]> sums = new TreeMap<>();
        SquidLineParser hosts = new SquidLineParser();
        SiteNames sites = new SiteNames();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(out)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).toList();
        }
        for (Path page : pages) {
            String html = Files.readString(page, StandardCharsets.ISO_8859_1).replace("\n", "");
            Matcher user = USER.matcher(html);
            if (!html.contains("Squid User Access Report") || !user.find()) {
                continue;
            }
            Matcher row = SITE_ROW.matcher(html);
            while (row.find()) {
                List<String> cells = new ArrayList<>();
                Matcher cell = CELL.matcher(row.group(2));
                while (cell.find()) {
                    cells.add(cell.group(1));
                }
                // SARG's host as the log wrote it, read as the authority of a tunnel: the host as Steward keeps it
                String shown = row.group(1).substring(row.group(1).indexOf("://") + 1); // cache_object://localhost
                WebRequest authority = hosts.parse("0.000 0 - TCP_TUNNEL/200 0 CONNECT "
                        + shown.substring(shown.startsWith("//") ? 2 : 0) + " - H/- -", 1);
                long[] s = sums.computeIfAbsent(user.group(1) + " " + sites.siteOf(authority.host()),
                        k -> new long[3]);
                s[0] += digits(cells.get(0));
                s[1] += digits(cells.get(1));
                s[2] += digits(cells.get(6));
            }
        }
        return sums;
    }

    /**
     * The log from its first line that is one: SARG tells a log's format from its first line, and gives up on a log
     * that starts with a line that is not one, as the netdata log does (later such lines it skips, as Steward does).
     */
    static Path fromTheFirstLogLine(Path log, Path work) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        SquidLineParser parser = new SquidLineParser();
        int first = 0;
        while (first < lines.size() && parser.parse(lines.get(first), first + 1) == null) {
            first++;
        }
        return first == 0 ? log : Files.write(work.resolve("from-first-line.log"), lines.subList(first, lines.size()));
    }

    /** The user a SARG user report is about, its site rows (the link's address, the cells after it), a cell. */
    static final Pattern USER = Pattern.compile("User:&nbsp;([^<]+)</td>");
    static final Pattern SITE_ROW = Pattern.compile(
            "<td class=\"data2\"><a href=\"http://([^\"]+)\">[^<]*</a></td>((?:<td class=\"data\">[^<]*</td>)+)</tr>");
    static final Pattern CELL = Pattern.compile("<td class=\"data\">([^<]*)</td>");

    static long digits(String text) {
        String d = text.replaceAll("[^0-9]", "");
        return d.isEmpty() ? 0 : Long.parseLong(d);
    }

    /** The result codes of the log's lines Steward does not count as requests, for SARG's {@code exclude_codes}. */
    static List<String> excludedCodes(Path log) throws IOException {
        SquidLineParser parser = new SquidLineParser();
        Set<String> excluded = new TreeSet<>();
        Set<String> counted = new TreeSet<>();
        long n = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            WebRequest r = parser.parse(line, ++n);
            if (r != null) {
                String code = line.strip().split(" +")[3];
                (r.outcome() == WebRequest.Outcome.ALLOWED ? counted : excluded).add(code);
            }
        }
        Set<String> both = new TreeSet<>(excluded);
        both.retainAll(counted);
        assertThat(both).as("codes of lines both counted and not: exclude_codes cannot tell them apart").isEmpty();
        return List.copyOf(excluded);
    }

    /** squidGuard's answer for each request, with the 13 categories' domain and URL lists, as peers.sh runs it. */
    static List<String> squidGuard(List<String> input) throws Exception {
        Path work = Files.createTempDirectory(dir, "squidguard");
        Path db = work.resolve("db");
        StringBuilder conf = new StringBuilder("dbhome " + db + "\nlogdir " + work + "\n");
        StringBuilder pass = new StringBuilder();
        for (String c : CATEGORIES) {
            Files.createDirectories(db.resolve(c));
            Files.copy(Shared.data("ut1/" + c + "/domains"), db.resolve(c + "/domains"));
            Path urls = Shared.data("ut1/" + c + "/urls");
            if (Files.exists(urls)) {
                Files.copy(urls, db.resolve(c + "/urls"));
            } else {
                Files.writeString(db.resolve(c + "/urls"), "");
            }
            conf.append("dest ").append(c).append(" {\n\tdomainlist\t").append(c).append("/domains\n\turllist\t\t")
                    .append(c).append("/urls\n}\n");
            pass.append(" !").append(c);
        }
        conf.append("acl {\n\tdefault {\n\t\tpass").append(pass)
                .append(" all\n\t\tredirect http://blocked.invalid/?cat=%t\n\t}\n}\n");
        Path confFile = Files.writeString(work.resolve("squidGuard.conf"), conf);
        run(work, "squidGuard", "-c", confFile.toString(), "-C", "all");
        Path in = Files.write(work.resolve("in.txt"), input);
        Path out = work.resolve("out.txt");
        Process p = new ProcessBuilder("squidGuard", "-c", confFile.toString()).directory(work.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(false)
                .redirectError(work.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("squidGuard finished").isTrue();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    static void run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(new File(command[0]).getName() + ".out").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": "
                + Files.readString(workDir.resolve(new File(command[0]).getName() + ".out"))).isZero();
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
