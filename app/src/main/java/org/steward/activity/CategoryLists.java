package org.steward.activity;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.audit.AuditLog;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.Ut1Lists;

/**
 * The district's URL category lists in the UT1 layout ({@code <category>/domains}, {@code <category>/urls}, alias
 * files or links), from a folder on the server, the {@code blacklists.tar.gz} UT1 publishes (uploaded, or downloaded
 * by {@link CategoryFeeds}). A new set is copied into Steward's own folder and loaded before it is put in use, so a
 * bad set changes nothing and runs never see half of one. Each time the set in use changes, what changed in each
 * category is recorded. The set in use before stays on disk and can be put back; older sets' folders are deleted to
 * save disk, their rows kept. Credit, wherever the lists are shown: "UT1 blacklists, Université Toulouse Capitole",
 * CC BY-SA 4.0.
 */
@Service
public class CategoryLists {

    public static final String ATTRIBUTION = "UT1 blacklists, Université Toulouse Capitole (CC BY-SA 4.0)";

    /**
     * A set of lists: where it came from, the date of its newest list, each category's entries, since when it is in
     * use (when it is), and the SHA-256 of the archive it was unpacked from (none for a folder).
     */
    public record Installed(long id, String origin, Instant listsDate, Map<String, Integer> sizes, String installedBy,
                            Instant installedAt, Instant inUseSince, String archiveSha256) {

        public int total() {
            return sizes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A set in the district's history, and where it stands. */
    public record Kept(Installed set, Standing standing) {
    }

    /** Where a set stands: only the one in use, the previous one and a held download keep their folders. */
    public enum Standing {
        IN_USE("In use"), PREVIOUS("Previous: can be put back"), HELD("Held back: can be put in use"),
        ON_DISK("On disk"), FOLDER_DELETED("Folder deleted to save disk");

        private final String title;

        Standing(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One category's change when the lists in use changed: the domains and URLs it gained and lost. */
    public record Change(String category, Kind kind, int added, int removed) {

        /** How a category changed. */
        public enum Kind {
            ADDED("New category"), REMOVED("Category removed"), CHANGED("Changed");

            private final String title;

            Kind(String title) {
                this.title = title;
            }

            public String title() {
                return title;
            }
        }
    }

    /**
     * A change of the set in use: a new set installed or an earlier one put back, when and by whom, the set it
     * replaced (none for the district's first), and each category that changed.
     */
    public record Swap(long id, Instant at, long setId, Installed replaced, How how, String by,
                       List<Change> changes) {

        public enum How { INSTALLED, PUT_BACK }

        public long categoriesAdded() {
            return changes.stream().filter(c -> c.kind() == Change.Kind.ADDED).count();
        }

        public long categoriesRemoved() {
            return changes.stream().filter(c -> c.kind() == Change.Kind.REMOVED).count();
        }

        public long categoriesChanged() {
            return changes.stream().filter(c -> c.kind() == Change.Kind.CHANGED).count();
        }
    }

    /** Why a set was not installed. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A set unpacked or copied into Steward's folder and loaded, not yet in use; {@code root} holds its categories. */
    record Prepared(Path folder, Path root, String origin, String archiveSha256, Ut1Lists.Loaded lists,
                    Instant listsDate) {

        int total() {
            return lists.sizes().values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A tar entry's name may not leave the folder it is unpacked in; and a set has a size limit. */
    private static final long MAX_UNPACKED = 2L << 30;
    /** What may follow the end of an archive's gzip stream (it is read, so that its digest covers the file). */
    private static final int MAX_TRAILING = 1 << 20;
    private static final Ut1Lists.Loaded NONE = new Ut1Lists.Loaded(CategoryIndex.builder(16).build(), Map.of(),
            Map.of());
    private static final String SET_COLUMNS = """
            s.id, s.origin, s.lists_date, s.sizes, s.installed_by, s.installed_at, s.archive_sha256, s.in_use, s.held,
            s.left_use_at, s.folder_deleted_at, s.folder,
            (select max(w.at) from category_swap w where w.set_id = s.id) as put_in_use_at""";
    private static final Logger log = LoggerFactory.getLogger(CategoryLists.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final Clock clock;
    private final ActivityProperties properties;
    private final ServerGrants grants;
    private final Sources sources;
    private final Map<Long, Ut1Lists.Loaded> loaded = new ConcurrentHashMap<>();
    /** One lock a district (see {@link #swapping(long, java.util.function.Supplier)}). */
    private final Map<Long, ReentrantLock> swapping = new ConcurrentHashMap<>();

    CategoryLists(JdbcClient jdbc, TransactionTemplate transaction, AuditLog audit, Clock clock,
                  ActivityProperties properties, ServerGrants grants, Sources sources) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.grants = grants;
        this.sources = sources;
    }

    public Optional<Installed> current(long districtId) {
        return row("s.district_id = ? and s.in_use", districtId).map(Row::set);
    }

    /** The set in use before the one in use now, while its folder is on disk: it can be put back. */
    public Optional<Installed> previous(long districtId) {
        return previousRow(districtId).map(Row::set);
    }

    /** A download held back because it is much smaller than the set in use: a person may put it in use anyway. */
    public Optional<Installed> held(long districtId) {
        return heldRow(districtId).map(Row::set);
    }

    /** The latest change of the set in use, with what changed in each category. */
    public Optional<Swap> lastSwap(long districtId) {
        return jdbc.sql("select id, at, set_id, replaced_id, how, swapped_by from category_swap where district_id = ? "
                        + "order by at desc, id desc limit 1")
                .param(districtId)
                .query((rs, n) -> {
                    long replacedId = rs.getLong("replaced_id");
                    Installed replaced = rs.wasNull() ? null
                            : row("s.district_id = ? and s.id = ?", districtId, replacedId).map(Row::set).orElse(null);
                    return new Swap(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getLong("set_id"),
                            replaced, Swap.How.valueOf(rs.getString("how")), rs.getString("swapped_by"), List.of());
                })
                .optional()
                .map(swap -> new Swap(swap.id(), swap.at(), swap.setId(), swap.replaced(), swap.how(), swap.by(),
                        jdbc.sql("select category, change, added, removed from category_change where swap_id = ? "
                                        + "order by case change when 'ADDED' then 0 when 'REMOVED' then 1 else 2 end, "
                                        + "category")
                                .param(swap.id())
                                .query((rs, n) -> new Change(rs.getString(1), Change.Kind.valueOf(rs.getString(2)),
                                        rs.getInt(3), rs.getInt(4)))
                                .list()));
    }

    /** The district's sets, latest first, and where each stands. */
    public List<Kept> history(long districtId, int limit) {
        Long previous = previousRow(districtId).map(r -> r.set().id()).orElse(null);
        Long held = heldRow(districtId).map(r -> r.set().id()).orElse(null);
        return jdbc.sql("select " + SET_COLUMNS + " from category_set s where s.district_id = ? "
                        + "order by s.installed_at desc, s.id desc limit ?")
                .params(districtId, limit)
                .query(CategoryLists::row).list().stream()
                .map(r -> new Kept(r.set(), r.inUse() ? Standing.IN_USE
                        : Long.valueOf(r.set().id()).equals(previous) ? Standing.PREVIOUS
                        : Long.valueOf(r.set().id()).equals(held) ? Standing.HELD
                        : r.folderDeleted() ? Standing.FOLDER_DELETED : Standing.ON_DISK))
                .toList();
    }

    public long setCount(long districtId) {
        return jdbc.sql("select count(*) from category_set where district_id = ?").param(districtId)
                .query(Long.class).single();
    }

    /** The runs started before a time: their usage and findings were counted with the lists in use then. */
    public long runsBefore(long districtId, Instant at) {
        return jdbc.sql("select count(*) from activity_run where district_id = ? and started_at < ?")
                .params(districtId, Timestamp.from(at)).query(Long.class).single();
    }

    /** The lists in use, loaded once; with none installed, an index that knows no category. */
    public Ut1Lists.Loaded index(long districtId) {
        Optional<String> folder = jdbc.sql("select id || ' ' || folder from category_set where district_id = ? "
                        + "and in_use")
                .param(districtId).query(String.class).optional();
        if (folder.isEmpty()) {
            return NONE;
        }
        String[] idAndFolder = folder.get().split(" ", 2);
        return loaded.computeIfAbsent(Long.parseLong(idAndFolder[0]),
                id -> Ut1Lists.load(Path.of(idAndFolder[1]), null, List.of(), List.of()));
    }

    /** Copies the lists in a folder on the server and puts them in use. */
    public Installed installFolder(long districtId, Path folder, String by) {
        // asked before whether it exists: a refusal tells nothing of another district's folders, or the server's
        if (!folder.isAbsolute() || !grants.mayRead(districtId, folder)) {
            throw new Refused(sources.notGranted(districtId));
        }
        if (!Files.isDirectory(folder)) {
            throw new Refused("There is no folder " + folder + " on the server.");
        }
        Path target = newFolder(districtId);
        Prepared set;
        try {
            copyLists(folder, target);
            set = load(target, target, folder.toString(), null);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        return install(districtId, set, by);
    }

    /** Unpacks UT1's {@code blacklists.tar.gz} (or a tar.gz of a folder in its layout) and puts it in use. */
    public Installed installArchive(long districtId, InputStream archive, String fileName, String by) {
        MessageDigest sha256 = sha256();
        Path target = newFolder(districtId);
        Prepared set;
        try {
            // buffered above the digest: gzip marks and resets what it reads, which a digest would count twice
            Path root = unpack(new BufferedInputStream(new DigestInputStream(archive, sha256)), target);
            set = load(target, root, fileName, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            deleteQuietly(target);
            throw new Refused(fileName + " is not a tar.gz of category lists: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        return install(districtId, set, by);
    }

    /** Unpacks and loads a downloaded archive, not putting it in use: {@link #install} or {@link #hold} does. */
    Prepared unpack(long districtId, Path archive, String origin, String archiveSha256) {
        Path target = newFolder(districtId);
        try (InputStream in = Files.newInputStream(archive)) {
            return load(target, unpack(in, target), origin, archiveSha256);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new Refused("The download is not a tar.gz of category lists: " + e.getMessage() + ".");
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** Puts a prepared set in use, recording what changed against the set it replaces. */
    Installed install(long districtId, Prepared set, String by) {
        return swapping(districtId, () -> {
            Optional<Row> before = row("s.district_id = ? and s.in_use", districtId);
            long id;
            try {
                List<Change> changes = before.map(b -> changes(b.folder(), set.root())).orElse(List.of());
                String sizes = new TreeMap<>(set.lists().sizes()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
                id = transaction.execute(status -> {
                    Instant now = clock.instant();
                    before.ifPresent(b -> leaveUse(b.set().id(), now));
                    long setId = jdbc.sql("""
                                    insert into category_set (district_id, origin, folder, lists_date, sizes,
                                        installed_by, installed_at, in_use, archive_sha256)
                                    values (?, ?, ?, ?, ?, ?, ?, true, ?) returning id""")
                            .params(districtId, set.origin(), set.root().toAbsolutePath().toString(),
                                    set.listsDate() == null ? null : Timestamp.from(set.listsDate()), sizes, by,
                                    Timestamp.from(now), set.archiveSha256())
                            .query(Long.class).single();
                    recordSwap(districtId, setId, before, Swap.How.INSTALLED, by, changes, now);
                    audit.record(districtId, "CATEGORY_LISTS_INSTALLED", "category_set", setId,
                            set.lists().sizes().size() + " categories from " + set.origin() + " by " + by);
                    return setId;
                });
            } catch (RuntimeException e) {
                deleteQuietly(set.folder());
                throw e;
            }
            inUse(id, set.lists(), before);
            deleteUnneededFolders(districtId);
            return current(districtId).orElseThrow();
        });
    }

    /** Keeps a downloaded set on disk without putting it in use; earlier held sets' folders are deleted. */
    long hold(long districtId, Prepared set, String by) {
        String sizes = new TreeMap<>(set.lists().sizes()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        return swapping(districtId, () -> {
            long id;
            try {
                id = transaction.execute(status -> {
                    // only the latest download is on offer
                    jdbc.sql("update category_set set held = false where district_id = ? and held").param(districtId)
                            .update();
                    return jdbc.sql("""
                                    insert into category_set (district_id, origin, folder, lists_date, sizes,
                                        installed_by, installed_at, in_use, archive_sha256, held)
                                    values (?, ?, ?, ?, ?, ?, ?, false, ?, true) returning id""")
                            .params(districtId, set.origin(), set.root().toAbsolutePath().toString(),
                                    set.listsDate() == null ? null : Timestamp.from(set.listsDate()), sizes, by,
                                    Timestamp.from(clock.instant()), set.archiveSha256())
                            .query(Long.class).single();
                });
            } catch (RuntimeException e) {
                deleteQuietly(set.folder());
                throw e;
            }
            deleteUnneededFolders(districtId);
            return id;
        });
    }

    /** Puts the previous set back in use ("go back to the previous lists"); the set in use becomes the previous. */
    public Installed putBack(long districtId, String by) {
        return swapping(districtId, () -> {
            Row previous = previousRow(districtId).orElseThrow(() -> new Refused("There are no previous lists to go "
                    + "back to: only the set in use before the one in use now can be put back, while its folder is "
                    + "kept."));
            return putInUse(districtId, previous, Swap.How.PUT_BACK, by, "CATEGORY_LISTS_PUT_BACK",
                    "previous lists from " + previous.set().origin() + " put back by " + by);
        });
    }

    /** Puts a held download in use after all, when a person knows the smaller lists are right. */
    public Installed putHeldInUse(long districtId, long setId, String by) {
        return swapping(districtId, () -> {
            Row held = heldRow(districtId).filter(r -> r.set().id() == setId).orElseThrow(() -> new Refused(
                    "That download is not held back any more: a later check or install took its place."));
            return putInUse(districtId, held, Swap.How.INSTALLED, by, "CATEGORY_LISTS_INSTALLED",
                    held.set().sizes().size() + " categories from " + held.set().origin()
                            + " (a download held back for its size) by " + by);
        });
    }

    /** One change of a district's lists at a time, so that what changed is counted against the set it replaces. */
    private <T> T swapping(long districtId, java.util.function.Supplier<T> change) {
        ReentrantLock lock = swapping.computeIfAbsent(districtId, id -> new ReentrantLock());
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    /** Puts a set that is on disk in use; the caller holds the district's lock. */
    private Installed putInUse(long districtId, Row set, Swap.How how, String by, String action, String details) {
        Ut1Lists.Loaded lists;
        try {
            lists = Ut1Lists.load(set.folder(), null, List.of(), List.of());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new Refused("The lists from " + set.set().origin() + " no longer load from their folder: "
                    + e.getMessage());
        }
        Optional<Row> before = row("s.district_id = ? and s.in_use", districtId);
        List<Change> changes = before.map(b -> changes(b.folder(), set.folder())).orElse(List.of());
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            before.ifPresent(b -> leaveUse(b.set().id(), now));
            jdbc.sql("update category_set set in_use = true, held = false, left_use_at = null where id = ?")
                    .param(set.set().id()).update();
            recordSwap(districtId, set.set().id(), before, how, by, changes, now);
            audit.record(districtId, action, "category_set", set.set().id(), details);
        });
        inUse(set.set().id(), lists, before);
        deleteUnneededFolders(districtId);
        return current(districtId).orElseThrow();
    }

    private void leaveUse(long setId, Instant at) {
        jdbc.sql("update category_set set in_use = false, left_use_at = ? where id = ?")
                .params(Timestamp.from(at), setId).update();
    }

    private void recordSwap(long districtId, long setId, Optional<Row> replaced, Swap.How how, String by,
                            List<Change> changes, Instant at) {
        long swapId = jdbc.sql("""
                        insert into category_swap (district_id, at, set_id, replaced_id, how, swapped_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, Timestamp.from(at), setId, replaced.map(r -> r.set().id()).orElse(null),
                        how.name(), by)
                .query(Long.class).single();
        // a download held back before this change is no longer on offer: it would replace other lists than it was
        // measured against
        jdbc.sql("update category_set set held = false where district_id = ? and held").param(districtId).update();
        for (Change change : changes) {
            jdbc.sql("insert into category_change (swap_id, category, change, added, removed) values (?, ?, ?, ?, ?)")
                    .params(swapId, change.category(), change.kind().name(), change.added(), change.removed())
                    .update();
        }
    }

    /** The new set's index is the one runs use from now on; the replaced set's is let go (it is large). */
    private void inUse(long setId, Ut1Lists.Loaded lists, Optional<Row> replaced) {
        loaded.put(setId, lists);
        replaced.ifPresent(r -> loaded.remove(r.set().id()));
    }

    /** What changed, or nothing known when the set replaced is no longer on disk to compare with. */
    private static List<Change> changes(Path before, Path after) {
        if (!Files.isDirectory(before)) {
            log.warn("The category lists in use are missing from {}: what changed is not known", before);
            return List.of();
        }
        return CategoryChanges.between(before, after);
    }

    /**
     * Deletes the folders of the district's sets that can no longer be put in use, to save disk: all but the set in
     * use, the previous one and a download held back since the last change. Their rows stay, as history. Only
     * folders under Steward's own folder for the district's lists are ever deleted.
     */
    private void deleteUnneededFolders(long districtId) {
        Optional<Long> previous = previousRow(districtId).map(r -> r.set().id());
        Optional<Long> held = heldRow(districtId).map(r -> r.set().id());
        Path own = properties.categories(districtId).toAbsolutePath().normalize();
        List<Row> rows = jdbc.sql("select " + SET_COLUMNS + " from category_set s where s.district_id = ? "
                        + "and not s.in_use and s.folder_deleted_at is null")
                .param(districtId).query(CategoryLists::row).list();
        for (Row row : rows) {
            long id = row.set().id();
            if (previous.filter(p -> p == id).isPresent() || held.filter(h -> h == id).isPresent()) {
                continue;
            }
            Path folder = row.folder().toAbsolutePath().normalize();
            if (folder.startsWith(own) && !folder.equals(own)) {
                Path setFolder = own.resolve(own.relativize(folder).getName(0));
                deleteQuietly(setFolder);
                if (Files.exists(setFolder)) {
                    log.warn("Could not delete the folder {} of category lists no longer in use", setFolder);
                    continue;
                }
            }
            jdbc.sql("update category_set set folder_deleted_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), id).update();
        }
    }

    /** A set's row with what the page and the swaps need beyond the set itself. */
    private record Row(Installed set, Path folder, boolean inUse, boolean held, Instant leftUseAt,
                       boolean folderDeleted) {
    }

    private Optional<Row> row(String where, Object... params) {
        return jdbc.sql("select " + SET_COLUMNS + " from category_set s where " + where).params(params)
                .query(CategoryLists::row).optional();
    }

    private Optional<Row> previousRow(long districtId) {
        return jdbc.sql("select " + SET_COLUMNS + " from category_set s where s.district_id = ? and not s.in_use "
                        + "and s.left_use_at is not null order by s.left_use_at desc, s.id desc limit 1")
                .param(districtId).query(CategoryLists::row).optional().filter(r -> !r.folderDeleted());
    }

    /** The download held back last, if nothing was put in use since and its folder is kept. */
    private Optional<Row> heldRow(long districtId) {
        return jdbc.sql("select " + SET_COLUMNS + " from category_set s where s.district_id = ? and s.held "
                        + "and not s.in_use and s.folder_deleted_at is null order by s.id desc limit 1")
                .param(districtId).query(CategoryLists::row).optional();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp date = rs.getTimestamp("lists_date");
        Timestamp left = rs.getTimestamp("left_use_at");
        Timestamp putInUse = rs.getTimestamp("put_in_use_at");
        Instant installedAt = rs.getTimestamp("installed_at").toInstant();
        boolean inUse = rs.getBoolean("in_use");
        Installed set = new Installed(rs.getLong("id"), rs.getString("origin"), date == null ? null : date.toInstant(),
                sizes(rs.getString("sizes")), rs.getString("installed_by"), installedAt,
                !inUse ? null : putInUse == null ? installedAt : putInUse.toInstant(), rs.getString("archive_sha256"));
        return new Row(set, Path.of(rs.getString("folder")), inUse, rs.getBoolean("held"),
                left == null ? null : left.toInstant(), rs.getTimestamp("folder_deleted_at") != null);
    }

    private Prepared load(Path folder, Path root, String origin, String archiveSha256) {
        Ut1Lists.Loaded lists;
        try {
            lists = Ut1Lists.load(root, null, List.of(), List.of());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new Refused("These are not category lists in the UT1 layout (like adult/domains): "
                    + e.getMessage().replace(root.toString(), origin));
        }
        if (lists.sizes().values().stream().allMatch(n -> n == 0)) {
            throw new Refused("The category folders in " + origin + " list no domains or URLs.");
        }
        return new Prepared(folder, root, origin, archiveSha256, lists, newest(root));
    }

    private Path newFolder(long districtId) {
        Path folder = properties.categories(districtId).resolve("set-" + clock.millis() + "-" + System.nanoTime());
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + folder, e);
        }
    }

    /** The category folders' domains and urls files, and alias files; nothing else. */
    private static void copyLists(Path from, Path to) {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    Path category = Files.createDirectories(to.resolve(name));
                    for (String list : List.of("domains", "urls")) {
                        if (Files.isRegularFile(entry.resolve(list))) {
                            Files.copy(entry.resolve(list), category.resolve(list), StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                } else if (Files.isRegularFile(entry) && Files.size(entry) < 64) {
                    Files.copy(entry, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the lists from " + from, e);
        }
    }

    /**
     * Unpacks regular files and folders; a symbolic link (UT1's aliases) becomes an alias file naming its target.
     * The stream is read to its end. Returns the folder holding the categories: the archive's own top folder
     * ("blacklists") when it has one.
     */
    static Path unpack(InputStream archive, Path target) throws IOException {
        long unpacked = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("an entry leaves the archive's folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, Path.of(entry.getLinkName()).getFileName().toString() + "\n",
                            StandardCharsets.ISO_8859_1);
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    unpacked += Files.copy(tar, path);
                    if (unpacked > MAX_UNPACKED) {
                        throw new IOException("it unpacks to more than 2 GB");
                    }
                    Files.setLastModifiedTime(path, java.nio.file.attribute.FileTime.from(entry.getLastModifiedDate()
                            .toInstant()));
                }
            }
            // the rest of the file is read too (gzip's end, padding), so that a digest of the stream is the file's
            byte[] rest = new byte[8192];
            long trailing = 0;
            for (int n; (n = archive.read(rest)) != -1; ) {
                trailing += n;
                if (trailing > MAX_TRAILING) {
                    throw new IOException("more than 1 MB follows the end of the archive");
                }
            }
        }
        try (Stream<Path> top = Files.list(target)) {
            List<Path> entries = top.toList();
            if (entries.size() == 1 && Files.isDirectory(entries.get(0))
                    && !Files.exists(entries.get(0).resolve("domains"))) {
                return entries.get(0);
            }
        }
        return target;
    }

    private static Instant newest(Path folder) {
        try (Stream<Path> files = Files.walk(folder, 2)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant();
                } catch (IOException e) {
                    return Instant.EPOCH;
                }
            }).max(Comparator.naturalOrder()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Integer> sizes(String text) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        text.lines().filter(l -> l.contains("=")).forEach(l -> {
            int at = l.lastIndexOf('=');
            sizes.put(l.substring(0, at), Integer.parseInt(l.substring(at + 1)));
        });
        return sizes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // what is left is never in use; the next install makes its own folder
        }
    }
}
