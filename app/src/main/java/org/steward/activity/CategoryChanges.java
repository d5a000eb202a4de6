package org.steward.activity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.steward.activity.CategoryLists.Change;
import org.steward.activity.CategoryLists.Change.Kind;

/**
 * What changed between two sets of lists in the UT1 layout, per category: the domains and URLs added and removed, and
 * the categories added or removed. Each list is read as a sorted set of 64-bit hashes of its entries, so that UT1's
 * largest lists (millions of entries) take tens of megabytes where strings would take hundreds; two different entries
 * with the same hash, about one chance in a million for a list of millions, would count one entry too few.
 */
final class CategoryChanges {

    private static final long DOMAINS = 0xcbf29ce484222325L;
    private static final long URLS = 0x84222325cbf29ce4L;

    private CategoryChanges() {
    }

    /** The categories that changed from {@code before} to {@code after}: new ones, removed ones, then changed ones. */
    static List<Change> between(Path before, Path after) {
        TreeSet<String> categories = new TreeSet<>(categories(before));
        categories.addAll(categories(after));
        List<Change> changes = new ArrayList<>();
        for (String category : categories) {
            boolean was = Files.isDirectory(before.resolve(category));
            boolean is = Files.isDirectory(after.resolve(category));
            long[] old = was ? entries(before.resolve(category)) : new long[0];
            long[] now = is ? entries(after.resolve(category)) : new long[0];
            int added = missingFrom(old, now);
            int removed = missingFrom(now, old);
            Kind kind = !was ? Kind.ADDED : !is ? Kind.REMOVED : Kind.CHANGED;
            if (kind != Kind.CHANGED || added > 0 || removed > 0) {
                changes.add(new Change(category, kind, added, removed));
            }
        }
        changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::category));
        return changes;
    }

    private static List<String> categories(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the category lists in " + folder, e);
        }
    }

    /** A category's domains and URLs, a domain and a URL never equal, as a sorted array without repeats. */
    private static long[] entries(Path category) {
        long[] hashes = new long[1024];
        int size = 0;
        for (String list : List.of("domains", "urls")) {
            Path file = category.resolve(list);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            long seed = list.equals("domains") ? DOMAINS : URLS;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String entry = line.strip();
                    if (entry.isEmpty() || entry.charAt(0) == '#') {
                        continue;
                    }
                    if (size == hashes.length) {
                        hashes = Arrays.copyOf(hashes, size * 2);
                    }
                    hashes[size++] = hash(seed, entry);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        Arrays.sort(hashes, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    /** How many of {@code these} (sorted, without repeats) are not in {@code those}. */
    private static int missingFrom(long[] those, long[] these) {
        int missing = 0;
        int j = 0;
        for (long entry : these) {
            while (j < those.length && those[j] < entry) {
                j++;
            }
            if (j == those.length || those[j] != entry) {
                missing++;
            }
        }
        return missing;
    }

    /** FNV-1a over the entry's characters, then MurmurHash3's finalizer to spread the bits. */
    private static long hash(long seed, String entry) {
        long h = seed;
        for (int i = 0; i < entry.length(); i++) {
            h ^= entry.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93e1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
