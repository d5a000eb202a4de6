package org.steward.activity;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.steward.audit.AuditLog;
import org.steward.districts.DistrictTime;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * Category lists kept current, as squidGuard deployments do with a cron job: each district may name a download
 * address (UT1's {@code blacklists.tar.gz}, or another archive in its layout), an optional checksum file beside it,
 * and a schedule, daily or weekly at an hour of the district's own time. A check downloads the archive, verifies its
 * sum, and hands it to {@link CategoryLists}, which unpacks and loads it before anything changes: a bad download
 * changes nothing. The same archive as the set in use installs nothing; a set with less than half the entries of the
 * set in use is held back for a person to decide, since a download cut short must never silently empty the filter.
 * Every check's outcome is kept.
 */
@Service
public class CategoryFeeds {

    /** Who checks when the schedule does. */
    public static final String SCHEDULE = "schedule";

    /** How often the address is checked. */
    public enum Frequency {
        DAILY, WEEKLY
    }

    /** When the address is checked: every day, or every week on a day, at an hour of the district's time. */
    public record Schedule(Frequency frequency, DayOfWeek day, int hour) {

        public Schedule {
            if (frequency == null) {
                throw new IllegalArgumentException("Choose how often Steward checks the address: every day or every "
                        + "week.");
            }
            if (frequency == Frequency.WEEKLY && day == null) {
                throw new IllegalArgumentException("A weekly check needs its day, Monday to Sunday.");
            }
            if (hour < 0 || hour > 23) {
                throw new IllegalArgumentException("The hour of the check is 0 to 23, in the district's time.");
            }
            day = frequency == Frequency.DAILY ? null : day;
        }

        /** The latest time at or before {@code now} that a check was due, in the district's zone. */
        public Instant latestDue(Instant now, ZoneId zone) {
            ZonedDateTime local = now.atZone(zone);
            LocalDate date = frequency == Frequency.DAILY ? local.toLocalDate()
                    : local.toLocalDate().with(TemporalAdjusters.previousOrSame(day));
            ZonedDateTime due = date.atTime(hour, 0).atZone(zone);
            if (due.isAfter(local)) {
                due = (frequency == Frequency.DAILY ? date.minusDays(1) : date.minusWeeks(1)).atTime(hour, 0)
                        .atZone(zone);
            }
            return due.toInstant();
        }

        /** The first time after {@code now} that a check is due. */
        public Instant nextDue(Instant now, ZoneId zone) {
            LocalDate latest = latestDue(now, zone).atZone(zone).toLocalDate();
            return (frequency == Frequency.DAILY ? latest.plusDays(1) : latest.plusWeeks(1)).atTime(hour, 0)
                    .atZone(zone).toInstant();
        }

        /** "every day at 03:00", "every Monday at 03:00". */
        public String title() {
            return (frequency == Frequency.DAILY ? "every day" : "every " + day.getDisplayName(TextStyle.FULL,
                    Locale.US)) + " at %02d:00".formatted(hour);
        }
    }

    /** A district's download address, its checksum file's address (blank for none) and schedule; who set them. */
    public record Feed(String address, String checksumAddress, Schedule schedule, String setBy, Instant setAt) {
    }

    /** What a check came to. */
    public enum Outcome {
        INSTALLED("Installed"), UNCHANGED("Unchanged"), HELD("Held back"), REFUSED("Refused");

        private final String title;

        Outcome(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** A check of the address: when, by whom (a person, or the schedule), what came of it and why. */
    public record Check(long id, Instant at, String by, String address, Outcome outcome, String message, Long bytes) {
    }

    /** Why a download or a setting was refused: nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Whether a download may replace the set in use: only if it has at least half as many entries. A download cut
     * short, or a bad day at the list's publisher, must never silently empty the filter; a set that is really that
     * much smaller is held back, and a person can put it in use.
     */
    sealed interface Replacement {

        record Allowed() implements Replacement {
        }

        record Held(String reason) implements Replacement {
        }

        static Replacement of(int downloaded, Optional<CategoryLists.Installed> inUse) {
            int inUseTotal = inUse.map(CategoryLists.Installed::total).orElse(0);
            if ((long) downloaded * 2 >= inUseTotal) {
                return new Allowed();
            }
            return new Held("Held back: the download lists %,d domains and URLs, less than half the %,d of the lists "
                    .formatted(downloaded, inUseTotal) + "in use. A download cut short must never empty the filter, "
                    + "so the lists in use stay. If the smaller lists are right, put them in use on this page.");
        }
    }

    public static final SortColumns CHECKS = SortColumns.of("list of checks", "id").byDescending("checked", "at");

    private static final Logger log = LoggerFactory.getLogger(CategoryFeeds.class);
    private static final int MAX_ADDRESS = 2000;
    private static final int MAX_CHECKSUM_FILE = 64 * 1024;
    /** "hash  name" or "hash *name" (sha256sum, md5sum), or a hash alone; BSD's "MD5 (name) = hash". */
    private static final Pattern SUM_LINE = Pattern.compile("^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})(?:\\s+\\*?(.+))?$");
    private static final Pattern BSD_SUM_LINE = Pattern.compile(
            "^(?:MD5|SHA256) ?\\((.+)\\) ?= ?([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})$");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final Clock clock;
    private final DistrictTime time;
    private final CategoryLists lists;
    private final ActivityProperties properties;
    private final ListDownload download;
    /** One check of a district's address at a time: the schedule's and a person's "check now" may meet. */
    private final Map<Long, ReentrantLock> checking = new ConcurrentHashMap<>();

    CategoryFeeds(JdbcClient jdbc, TransactionTemplate transaction, AuditLog audit, Clock clock, DistrictTime time,
                  CategoryLists lists, ActivityProperties properties,
                  @Value("${steward.category-feeds.timeout:PT10M}") Duration timeout,
                  @Value("${steward.category-feeds.max-size:1GB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
        this.time = time;
        this.lists = lists;
        this.properties = properties;
        this.download = new ListDownload(timeout, maxSize.toBytes());
    }

    public Optional<Feed> feed(long districtId) {
        return jdbc.sql("select address, checksum_address, frequency, day_of_week, at_hour, set_by, set_at "
                        + "from category_feed where district_id = ?")
                .param(districtId)
                .query((rs, n) -> new Feed(rs.getString(1), rs.getString(2), new Schedule(
                        Frequency.valueOf(rs.getString(3)), rs.getString(4) == null ? null
                        : DayOfWeek.valueOf(rs.getString(4)), rs.getInt(5)), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /**
     * Sets the district's download address, checksum address (blank for none) and schedule, as the page sends them:
     * a refusal names what is wrong, and changes nothing.
     */
    public Feed set(long districtId, String address, String checksumAddress, String frequency, String day,
                    String hour, String by) {
        URI download = address(address, "The download address");
        URI checksum = checksumAddress == null || checksumAddress.isBlank() ? null
                : address(checksumAddress, "The checksum file's address");
        Schedule schedule = schedule(frequency, day, hour);
        Feed feed = new Feed(download.toString(), checksum == null ? "" : checksum.toString(), schedule, by,
                clock.instant());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into category_feed (district_id, address, checksum_address, frequency, day_of_week,
                                at_hour, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (district_id) do update set address = excluded.address,
                                checksum_address = excluded.checksum_address, frequency = excluded.frequency,
                                day_of_week = excluded.day_of_week, at_hour = excluded.at_hour,
                                set_by = excluded.set_by, set_at = excluded.set_at""")
                    .params(districtId, feed.address(), feed.checksumAddress(), schedule.frequency().name(),
                            schedule.day() == null ? null : schedule.day().name(), schedule.hour(), by,
                            Timestamp.from(feed.setAt()))
                    .update();
            audit.record(districtId, "CATEGORY_FEED_SET", "category_feed", districtId, "lists downloaded from "
                    + feed.address() + (feed.checksumAddress().isEmpty() ? "" : ", checked against "
                    + feed.checksumAddress()) + ", " + schedule.title() + ", by " + by);
        });
        return feed;
    }

    /** Stops the downloads; the lists in use and the checks' history stay. */
    public void remove(long districtId, String by) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.sql("delete from category_feed where district_id = ?").param(districtId).update() == 0) {
                throw new Refused("There is no download address to remove.");
            }
            audit.record(districtId, "CATEGORY_FEED_REMOVED", "category_feed", districtId,
                    "lists no longer downloaded, by " + by);
        });
    }

    /** The district's checks, latest first. */
    public Paged<Check> checks(long districtId, Paging paging) {
        String where = " from category_check where district_id = ?";
        return Paged.of(paging, () -> jdbc.sql("select count(*)" + where).param(districtId).query(Long.class)
                        .single(),
                page -> jdbc.sql("select id, at, checked_by, address, outcome, message, bytes" + where
                                + page.orderBy() + " offset ? limit ?")
                        .params(districtId, page.offset(), page.limit())
                        .query((rs, n) -> new Check(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), Outcome.valueOf(rs.getString(5)), rs.getString(6),
                                rs.getObject(7, Long.class)))
                        .list());
    }

    /** When the schedule checks next. */
    public Optional<Instant> nextCheck(long districtId) {
        ZoneId zone = time.zone(districtId);
        return feed(districtId).map(f -> f.schedule().nextDue(clock.instant(), zone));
    }

    /**
     * Whether the schedule's check is due: a time it names has passed since the address was set and since the last
     * check, by the schedule or by hand. A server that was down at the hour checks when it is back.
     */
    public boolean due(long districtId) {
        Optional<Feed> feed = feed(districtId);
        if (feed.isEmpty()) {
            return false;
        }
        Instant latestDue = feed.get().schedule().latestDue(clock.instant(), time.zone(districtId));
        Instant since = jdbc.sql("select max(at) from category_check where district_id = ?").param(districtId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.MIN);
        return latestDue.isAfter(since.isAfter(feed.get().setAt()) ? since : feed.get().setAt());
    }

    @Scheduled(initialDelayString = "${steward.category-feeds.initial-delay:PT3M}",
            fixedDelayString = "${steward.category-feeds.every:PT10M}")
    void scheduled() {
        checkDue();
    }

    /** Checks every district's address whose check is due; the number checked. */
    public int checkDue() {
        int checked = 0;
        for (long districtId : jdbc.sql("select district_id from category_feed order by district_id")
                .query(Long.class).list()) {
            if (!due(districtId)) {
                continue;
            }
            try {
                check(districtId, SCHEDULE);
                checked++;
            } catch (Refused busy) {
                log.info("District {}: {}", districtId, busy.getMessage());
            }
        }
        return checked;
    }

    /**
     * Downloads, verifies and (if it is new and not much smaller) installs the district's lists now, and records
     * what came of it. Refused only when there is no address or a check is already running.
     */
    public Check check(long districtId, String by) {
        Feed feed = feed(districtId).orElseThrow(() -> new Refused("There is no download address to check: set one "
                + "first."));
        ReentrantLock lock = checking.computeIfAbsent(districtId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new Refused("A check of " + feed.address() + " is running already: its outcome will be listed on "
                    + "this page.");
        }
        try {
            Result result = attempt(districtId, feed, by);
            Instant at = clock.instant();
            long id = jdbc.sql("""
                            insert into category_check (district_id, at, checked_by, address, outcome, message, bytes,
                                archive_sha256, set_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(districtId, Timestamp.from(at), by, feed.address(), result.outcome().name(),
                            result.message(), result.bytes(), result.sha256(), result.setId())
                    .query(Long.class).single();
            return new Check(id, at, by, feed.address(), result.outcome(), result.message(), result.bytes());
        } finally {
            lock.unlock();
        }
    }

    /** What a check came to, before it is recorded. */
    private record Result(Outcome outcome, String message, Long bytes, String sha256, Long setId) {
    }

    private Result attempt(long districtId, Feed feed, String by) {
        Path file = null;
        ListDownload.Fetched fetched = null;
        try {
            Path downloads = Files.createDirectories(properties.categories(districtId).resolve("downloads"));
            file = Files.createTempFile(downloads, "download-", ".tar.gz");
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                fetched = download.archive(URI.create(feed.address()), out);
            }
            if (!feed.checksumAddress().isEmpty()) {
                verify(fetched, feed);
            }
            Optional<CategoryLists.Installed> inUse = lists.current(districtId);
            if (inUse.map(CategoryLists.Installed::archiveSha256).filter(fetched.sha256()::equals).isPresent()) {
                return new Result(Outcome.UNCHANGED, "The download is the archive of the lists in use (the same "
                        + "SHA-256): nothing to install.", fetched.bytes(), fetched.sha256(), inUse.get().id());
            }
            CategoryLists.Prepared set = lists.unpack(districtId, file, feed.address(), fetched.sha256());
            if (Replacement.of(set.total(), inUse) instanceof Replacement.Held held) {
                long heldId = lists.hold(districtId, set, by);
                return new Result(Outcome.HELD, held.reason(), fetched.bytes(), fetched.sha256(), heldId);
            }
            CategoryLists.Installed installed = lists.install(districtId, set, by);
            return new Result(Outcome.INSTALLED, "Put in use: %d categories, %,d domains and URLs."
                    .formatted(installed.sizes().size(), installed.total()), fetched.bytes(), fetched.sha256(),
                    installed.id());
        } catch (Refused | CategoryLists.Refused refused) {
            return refused(refused.getMessage(), fetched);
        } catch (IOException e) {
            log.warn("District {}: the download from {} could not be written", districtId, feed.address(), e);
            return refused("Steward could not write the download to its folder (" + e.getMessage() + ").", fetched);
        } catch (RuntimeException e) {
            log.error("District {}: the check of {} failed", districtId, feed.address(), e);
            return refused("Steward could not finish the check (" + e.getClass().getSimpleName() + "); it has been "
                    + "logged.", fetched);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete the download {}", file, e);
                }
            }
        }
    }

    private static Result refused(String why, ListDownload.Fetched fetched) {
        return new Result(Outcome.REFUSED, why + " The lists in use stay.", fetched == null ? null : fetched.bytes(),
                fetched == null ? null : fetched.sha256(), null);
    }

    /** The download's sum against the checksum file's line for it: SHA-256 or MD5, by the sum's length. */
    private void verify(ListDownload.Fetched fetched, Feed feed) {
        String text = download.text(URI.create(feed.checksumAddress()), MAX_CHECKSUM_FILE);
        List<String> names = List.of(fileName(fetched.from()), fileName(URI.create(feed.address())));
        List<String[]> sums = new ArrayList<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher gnu = SUM_LINE.matcher(line);
            Matcher bsd = BSD_SUM_LINE.matcher(line);
            if (gnu.matches()) {
                sums.add(new String[] {gnu.group(1), gnu.group(2) == null ? "" : gnu.group(2).strip()});
            } else if (bsd.matches()) {
                sums.add(new String[] {bsd.group(2), bsd.group(1).strip()});
            }
        }
        String[] sum = sums.stream().filter(s -> names.contains(Path.of(s[1].replace('\\', '/')).getFileName() == null
                        ? "" : Path.of(s[1].replace('\\', '/')).getFileName().toString())).findFirst()
                .orElse(sums.size() == 1 ? sums.get(0) : null);
        if (sum == null) {
            throw new Refused(sums.isEmpty()
                    ? feed.checksumAddress() + " holds no MD5 or SHA-256 sum (a line like \"<sum>  "
                    + names.get(0) + "\", as md5sum and sha256sum write them)."
                    : feed.checksumAddress() + " holds no sum for " + names.get(0) + ".");
        }
        boolean md5 = sum[0].length() == 32;
        String actual = md5 ? fetched.md5() : fetched.sha256();
        if (!actual.equalsIgnoreCase(sum[0])) {
            throw new Refused("The download's " + (md5 ? "MD5" : "SHA-256") + " sum is " + actual + ", but "
                    + feed.checksumAddress() + " says " + sum[0].toLowerCase(Locale.ROOT) + ": the download is not "
                    + "the file published (cut short, or changed on the way).");
        }
    }

    private static String fileName(URI address) {
        String path = address.getPath() == null ? "" : address.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** An address as a person typed it: http or https, with a server, without a password. */
    private static URI address(String text, String what) {
        String address = text == null ? "" : text.strip();
        if (address.isEmpty()) {
            throw new Refused(what + " is empty.");
        }
        if (address.length() > MAX_ADDRESS) {
            throw new Refused(what + " is longer than " + MAX_ADDRESS + " characters.");
        }
        if (address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new Refused(what + " holds a space or a control character; an address has none.");
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new Refused(what + " is not an address: " + e.getReason() + " at character " + (e.getIndex() + 1)
                    + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(what + " starts with http:// or https:// (like "
                    + "https://dsi.ut-capitole.fr/blacklists/download/blacklists.tar.gz): " + address + " does not.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused(what + " names no server: " + address + ".");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused(what + " holds a user name or password: the page shows the address to everyone who "
                    + "opens it, so Steward takes none.");
        }
        return uri;
    }

    private static Schedule schedule(String frequency, String day, String hour) {
        Frequency often;
        try {
            often = Frequency.valueOf(frequency == null ? "" : frequency.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("Choose how often Steward checks the address: every day or every week.");
        }
        DayOfWeek weekday = null;
        if (often == Frequency.WEEKLY) {
            try {
                weekday = DayOfWeek.valueOf(day == null ? "" : day.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refused("A weekly check needs its day, Monday to Sunday.");
            }
        }
        int at;
        try {
            at = Integer.parseInt(hour == null ? "" : hour.strip());
        } catch (NumberFormatException e) {
            throw new Refused("The hour of the check is a number from 0 to 23, in the district's time.");
        }
        try {
            return new Schedule(often, weekday, at);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }
}
