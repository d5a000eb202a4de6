package org.steward.engine.categories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads URL category lists in the layout squidGuard and e2guardian deployments use, as the Université Toulouse
 * Capitole (UT1) publishes them: a folder per category with {@code domains} (a domain or IPv4 address a line) and
 * {@code urls} (host/path prefixes), and alias files naming another category ({@code porn} holds "adult").
 * Credit when shown: "UT1 blacklists, Université Toulouse Capitole", CC BY-SA 4.0.
 */
public final class Ut1Lists {

    /** What was loaded: the index, each category's size and the aliases. */
    public record Loaded(CategoryIndex index, Map<String, Integer> sizes, Map<String, String> aliases) {

        /** A category's own name for a name or an alias ("porn" is "adult"). */
        public String canonical(String name) {
            return aliases.getOrDefault(name, name);
        }
    }

    private Ut1Lists() {
    }

    /** Loads every category under the folder, or only those named (by name or alias) when {@code only} is given. */
    public static Loaded load(Path folder, Set<String> only, List<String> allow, List<String> block) {
        Map<String, String> aliases = aliases(folder);
        Map<String, Integer> sizes = new HashMap<>();
        List<Path> categories = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isDirectory).sorted().forEach(categories::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the category lists in " + folder, e);
        }
        if (categories.isEmpty()) {
            throw new IllegalArgumentException(folder + " holds no category folders (like adult/domains)");
        }
        long expected = categories.stream().mapToLong(c -> size(c.resolve("domains")) / 16).sum();
        CategoryIndex.Builder builder = CategoryIndex.builder((int) Math.min(Integer.MAX_VALUE / 4, expected + 16));
        for (Path category : categories) {
            String name = category.getFileName().toString();
            if (only != null && !only.isEmpty() && only.stream().map(n -> aliases.getOrDefault(n, n))
                    .noneMatch(name::equals)) {
                continue;
            }
            builder.declare(name);
            int before = builder.size();
            int[] prefixes = {0};
            read(category.resolve("domains"), line -> builder.domain(line, name));
            read(category.resolve("urls"), line -> {
                builder.urlPrefix(line, name);
                prefixes[0]++;
            });
            sizes.put(name, builder.size() - before + prefixes[0]);
        }
        if (block != null && !block.isEmpty()) {
            builder.declare("district-block");
            block.forEach(d -> builder.domain(d, "district-block"));
            sizes.put("district-block", block.size());
        }
        if (allow != null) {
            allow.forEach(builder::allow);
        }
        return new Loaded(builder.build(), Map.copyOf(sizes), Map.copyOf(aliases));
    }

    private static Map<String, String> aliases(Path folder) {
        Map<String, String> aliases = new HashMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) < 64) {
                    String target = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
                    if (!target.isEmpty() && Files.isDirectory(folder.resolve(target))) {
                        aliases.put(file.getFileName().toString(), target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aliases;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void read(Path file, java.util.function.Consumer<String> entry) {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String s = line.strip();
                if (!s.isEmpty() && s.charAt(0) != '#') {
                    entry.accept(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
