package org.steward.engine.categories;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All categories of every listed domain in one open-addressing table of 64-bit hashes, so that one suffix walk over
 * a host's labels answers every category at once: the cost does not grow with the number of categories (squidGuard
 * looks a host up once per category). A domain entry covers its subdomains. Host/path prefixes ({@code urls}
 * lists) are checked only for hosts that have some. A district's allow list wins over every category; its block
 * list is one more category.
 *
 * <p>Memory: a slot is a long and an int, at most 0.7 full, so 5 million domains take about 100 MB.
 */
public final class CategoryIndex {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    record Prefix(String path, int set) {
    }

    private final List<String> names;
    private final Map<String, Integer> ids;
    private final long[] keys;
    private final int[] values;
    private final int mask;
    private final int size;
    private final CategorySet[] sets;
    private final Map<String, List<Prefix>> prefixes;
    private final Map<Long, CategorySet> unions = new ConcurrentHashMap<>();
    private final Map<BitSet, CategorySet> byBits;
    private final AtomicInteger nextId;

    private CategoryIndex(Builder b) {
        this.names = List.copyOf(b.names);
        this.ids = Map.copyOf(b.ids);
        this.keys = b.keys;
        this.values = b.values;
        this.mask = b.keys.length - 1;
        this.size = b.size;
        this.sets = b.sets.toArray(CategorySet[]::new);
        this.prefixes = Map.copyOf(b.prefixes);
        this.byBits = new ConcurrentHashMap<>(b.byBits);
        this.nextId = new AtomicInteger(sets.length);
    }

    public static Builder builder(int expectedDomains) {
        return new Builder(expectedDomains);
    }

    public List<String> categories() {
        return names;
    }

    /** The id of a category, for rules to test with {@link CategorySet#contains}; -1 if no list has it. */
    public int id(String category) {
        return ids.getOrDefault(category, -1);
    }

    /** True when some listed host/path prefix starts with this host, so its categories depend on the path. */
    public boolean hasPathPrefixes(String host) {
        return !prefixes.isEmpty() && (prefixes.containsKey(host) || prefixes.containsKey(withoutServicePrefix(host)));
    }

    /**
     * The host without a leading {@code www}, {@code web} or {@code ftp} label (digits may follow: {@code www3.}),
     * as squidGuard matches URL lists: a listed {@code example.com/games} covers {@code www2.example.com/games}.
     */
    static String withoutServicePrefix(String host) {
        int letters = host.startsWith("www") || host.startsWith("web") || host.startsWith("ftp") ? 3 : 0;
        if (letters == 0) {
            return host;
        }
        int i = letters;
        while (i < host.length() && Character.isDigit(host.charAt(i))) {
            i++;
        }
        return i < host.length() - 1 && host.charAt(i) == '.' ? host.substring(i + 1) : host;
    }

    public int domainCount() {
        return size;
    }

    /** Every category the host, or a domain above it, or a listed host/path prefix of the URL, belongs to. */
    public CategorySet categorize(String host, String path) {
        return categorize(host, path, 0);
    }

    /** As {@link #categorize(String, String)}, with the path being {@code url} from {@code pathStart}. */
    public CategorySet categorize(String host, String url, int pathStart) {
        if (host.isEmpty()) {
            return CategorySet.NONE;
        }
        CategorySet found = CategorySet.NONE;
        long h = FNV_OFFSET;
        boolean numeric = Character.isDigit(host.charAt(host.length() - 1));
        for (int i = host.length() - 1; i >= 0; i--) {
            h = (h ^ host.charAt(i)) * FNV_PRIME;
            if (i == 0 || host.charAt(i - 1) == '.' && !numeric) {
                int set = lookup(h);
                if (set == Builder.ALLOWED) {
                    return CategorySet.NONE;
                }
                if (set > 0) {
                    found = union(found, sets[set]);
                }
            }
        }
        if (!prefixes.isEmpty() && url != null && pathStart < url.length()) {
            String stripped = withoutServicePrefix(host);
            found = withPrefixes(found, prefixes.get(host), url, pathStart);
            if (!stripped.equals(host)) {
                found = withPrefixes(found, prefixes.get(stripped), url, pathStart);
            }
        }
        return found;
    }

    /** Adds the categories of the listed prefixes the URL's path and query start with, compared in lower case. */
    private CategorySet withPrefixes(CategorySet found, List<Prefix> listed, String url, int pathStart) {
        if (listed == null) {
            return found;
        }
        for (Prefix prefix : listed) {
            if (url.regionMatches(true, pathStart, prefix.path(), 0, prefix.path().length())) {
                found = union(found, sets[prefix.set()]);
            }
        }
        return found;
    }

    private int lookup(long hash) {
        long key = mix(hash);
        int slot = (int) key & mask;
        while (true) {
            long k = keys[slot];
            if (k == 0) {
                return 0;
            }
            if (k == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The set of the categories named, the same object as the lines of its hosts are categorized with; names no list
     * has are left out. A stream job's checkpoint keeps a usage row's categories by name, and gets them back so.
     */
    public CategorySet setOf(Collection<String> categories) {
        BitSet bits = new BitSet();
        for (String name : categories) {
            int id = id(name);
            if (id >= 0) {
                bits.set(id);
            }
        }
        if (bits.isEmpty()) {
            return CategorySet.NONE;
        }
        return byBits.computeIfAbsent(bits, x -> new CategorySet(nextId.getAndIncrement(), bits, namesOf(bits)));
    }

    /** The union of two sets; a host under two listed domains of different categories is rare, so cache them. */
    private CategorySet union(CategorySet a, CategorySet b) {
        if (a == b || b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        long pair = a.id() < b.id() ? ((long) a.id() << 32) | b.id() : ((long) b.id() << 32) | a.id();
        return unions.computeIfAbsent(pair, p -> {
            BitSet bits = a.bits();
            bits.or(b.bits());
            return byBits.computeIfAbsent(bits, x -> new CategorySet(nextId.getAndIncrement(), bits, namesOf(bits)));
        });
    }

    private List<String> namesOf(BitSet bits) {
        List<String> out = new ArrayList<>();
        bits.stream().forEach(i -> out.add(names.get(i)));
        return out;
    }

    static long hashOf(CharSequence domain) {
        long h = FNV_OFFSET;
        for (int i = domain.length() - 1; i >= 0; i--) {
            h = (h ^ domain.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Collects domains and prefixes by category, then freezes them into an index. Not thread-safe. */
    public static final class Builder {

        static final int ALLOWED = Integer.MAX_VALUE;

        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        private long[] keys;
        private int[] values;
        private int size;
        private final List<CategorySet> sets = new ArrayList<>(List.of(CategorySet.NONE));
        private final Map<BitSet, CategorySet> byBits = new HashMap<>();
        private final Map<String, List<Prefix>> prefixes = new HashMap<>();
        private final Map<Long, Integer> unions = new HashMap<>();

        private Builder(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / 0.7)) - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            byBits.put(new BitSet(), CategorySet.NONE);
        }

        private int category(String name) {
            return ids.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        private int single(String category) {
            BitSet bits = new BitSet();
            bits.set(category(category));
            return setOf(bits);
        }

        private int setOf(BitSet bits) {
            CategorySet set = byBits.get(bits);
            if (set == null) {
                List<String> members = new ArrayList<>();
                bits.stream().forEach(i -> members.add(names.get(i)));
                set = new CategorySet(sets.size(), bits, members);
                sets.add(set);
                byBits.put(bits, set);
            }
            return set.id();
        }

        private int merged(int a, int b) {
            if (a == b) {
                return a;
            }
            long pair = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
            return unions.computeIfAbsent(pair, p -> {
                BitSet bits = sets.get(a).bits();
                bits.or(sets.get(b).bits());
                return setOf(bits);
            });
        }

        /** A domain (covering its subdomains) or an IPv4 address in a category. */
        public Builder domain(String domain, String category) {
            put(hashOf(normalized(domain)), single(category));
            return this;
        }

        /** A domain the district allows whatever the lists say. */
        public Builder allow(String domain) {
            long key = mix(hashOf(normalized(domain)));
            insert(key, ALLOWED, true);
            return this;
        }

        /**
         * A host/path prefix ("example.com/games") in a category, matched as squidGuard matches its URL lists: in
         * lower case, by the URL's host as it is or without a leading www, web or ftp label, as a prefix of the path
         * and query.
         */
        public Builder urlPrefix(String hostAndPath, String category) {
            String entry = normalized(hostAndPath);
            int slash = entry.indexOf('/');
            if (slash <= 0) {
                return domain(entry, category);
            }
            String host = entry.substring(0, slash);
            prefixes.computeIfAbsent(host, h -> new ArrayList<>()).add(new Prefix(entry.substring(slash),
                    single(category)));
            return this;
        }

        /** Makes sure a category exists even if its lists are empty, so rules may name it. */
        public Builder declare(String name) {
            category(name);
            return this;
        }

        public int size() {
            return size;
        }

        public CategoryIndex build() {
            return new CategoryIndex(this);
        }

        private static String normalized(String domain) {
            String d = domain.strip();
            if (d.startsWith(".")) {
                d = d.substring(1);
            }
            for (int i = 0; i < d.length(); i++) {
                if (Character.toLowerCase(d.charAt(i)) != d.charAt(i)) {
                    return d.toLowerCase(java.util.Locale.ROOT);
                }
            }
            return d;
        }

        private void put(long hash, int set) {
            insert(mix(hash), set, false);
        }

        private void insert(long key, int set, boolean override) {
            if (size + 1 > keys.length * 0.7) {
                grow();
            }
            int slot = (int) key & (keys.length - 1);
            while (true) {
                long k = keys[slot];
                if (k == 0) {
                    keys[slot] = key;
                    values[slot] = set;
                    size++;
                    return;
                }
                if (k == key) {
                    int old = values[slot];
                    values[slot] = override || old == ALLOWED ? ALLOWED : merged(old, set);
                    return;
                }
                slot = (slot + 1) & (keys.length - 1);
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            int m = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = (int) oldKeys[i] & m;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & m;
                    }
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
