package org.steward.engine.bench;

import org.steward.engine.categories.CategoryIndex;

/**
 * Benchmark, not a test: builds an index of N synthesized domains (default 5,000,000, the size of UT1's adult list)
 * and prints the heap it holds and how long it took. Run with a heap cap to prove the figure, for example
 * {@code java -Xmx400m -cp ... org.steward.engine.bench.CategoryMemoryBenchmark 5000000}.
 */
public final class CategoryMemoryBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        long start = System.nanoTime();
        CategoryIndex.Builder builder = CategoryIndex.builder(n);
        StringBuilder domain = new StringBuilder(32);
        for (int i = 0; i < n; i++) {
            domain.setLength(0);
            domain.append("site").append(Integer.toString(i, 36)).append(i % 7 == 0 ? ".net" : ".com");
            builder.domain(domain.toString(), "adult");
        }
        CategoryIndex index = builder.build();
        long built = System.nanoTime();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        boolean found = !index.categorize("www.site" + Integer.toString(n / 2, 36) + ((n / 2) % 7 == 0 ? ".net" : ".com"), "/").isEmpty();
        System.out.printf("%,d domains: built in %.2f s, heap in use after GC %,d MB (max heap %,d MB), lookup ok: %s%n",
                index.domainCount(), (built - start) / 1e9, used >> 20, rt.maxMemory() >> 20, found);
    }
}
