package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.audit.AuditLog;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.Ut1Lists;

/**
 * The district's URL category lists in the UT1 layout ({@code <category>/domains}, {@code <category>/urls}, alias
 * files or links), from a folder on the server or the {@code blacklists.tar.gz} UT1 publishes. A new set is copied
 * into Steward's own folder and loaded before it is put in use, so a bad set changes nothing and runs never see half
 * of one. Credit, wherever the lists are shown: "UT1 blacklists, Université Toulouse Capitole", CC BY-SA 4.0.
 */
@Service
public class CategoryLists {

    public static final String ATTRIBUTION = "UT1 blacklists, Université Toulouse Capitole (CC BY-SA 4.0)";

    /** A set of lists in use: where it came from, the date of its newest list, and each category's entries. */
    public record Installed(long id, String origin, Instant listsDate, Map<String, Integer> sizes, String installedBy,
                            Instant installedAt) {

        public int total() {
            return sizes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Why a set was not installed. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** A tar entry's name may not leave the folder it is unpacked in; and a set has a size limit. */
    private static final long MAX_UNPACKED = 2L << 30;
    private static final Ut1Lists.Loaded NONE = new Ut1Lists.Loaded(CategoryIndex.builder(16).build(), Map.of(),
            Map.of());

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final Clock clock;
    private final ActivityProperties properties;
    private final ServerGrants grants;
    private final Sources sources;
    private final Map<Long, Ut1Lists.Loaded> loaded = new ConcurrentHashMap<>();

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
        return jdbc.sql("select id, origin, lists_date, sizes, installed_by, installed_at from category_set "
                        + "where district_id = ? and in_use")
                .param(districtId)
                .query((rs, n) -> {
                    Timestamp date = rs.getTimestamp("lists_date");
                    return new Installed(rs.getLong("id"), rs.getString("origin"),
                            date == null ? null : date.toInstant(), sizes(rs.getString("sizes")),
                            rs.getString("installed_by"), rs.getTimestamp("installed_at").toInstant());
                })
                .optional();
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
        try {
            copyLists(folder, target);
            return install(districtId, target, folder.toString(), by);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** Unpacks UT1's {@code blacklists.tar.gz} (or a tar.gz of a folder in its layout) and puts it in use. */
    public Installed installArchive(long districtId, InputStream archive, String fileName, String by) {
        Path target = newFolder(districtId);
        try {
            Path root = unpack(archive, target);
            return install(districtId, root, fileName, by);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new Refused(fileName + " is not a tar.gz of category lists: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    private Installed install(long districtId, Path folder, String origin, String by) {
        Ut1Lists.Loaded lists;
        try {
            lists = Ut1Lists.load(folder, null, List.of(), List.of());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new Refused("These are not category lists in the UT1 layout (like adult/domains): "
                    + e.getMessage().replace(folder.toString(), origin));
        }
        if (lists.sizes().values().stream().allMatch(n -> n == 0)) {
            throw new Refused("The category folders in " + origin + " list no domains or URLs.");
        }
        Instant listsDate = newest(folder);
        Instant now = clock.instant();
        String sizes = new TreeMap<>(lists.sizes()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        long id = transaction.execute(status -> {
            jdbc.sql("update category_set set in_use = false where district_id = ? and in_use").param(districtId)
                    .update();
            long setId = jdbc.sql("""
                            insert into category_set (district_id, origin, folder, lists_date, sizes, installed_by,
                                installed_at, in_use) values (?, ?, ?, ?, ?, ?, ?, true) returning id""")
                    .params(districtId, origin, folder.toAbsolutePath().toString(),
                            listsDate == null ? null : Timestamp.from(listsDate), sizes, by, Timestamp.from(now))
                    .query(Long.class).single();
            audit.record(districtId, "CATEGORY_LISTS_INSTALLED", "category_set", setId, lists.sizes().size()
                    + " categories from " + origin + " by " + by);
            return setId;
        });
        loaded.put(id, lists);
        return current(districtId).orElseThrow();
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
     * Returns the folder holding the categories: the archive's own top folder ("blacklists") when it has one.
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

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // what is left is never in use; the next install makes its own folder
        }
    }
}
