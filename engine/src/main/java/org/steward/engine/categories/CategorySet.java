package org.steward.engine.categories;

import java.util.BitSet;
import java.util.List;

/** The categories a host belongs to; interned by the index, so equal sets are the same object. */
public final class CategorySet {

    public static final CategorySet NONE = new CategorySet(0, new BitSet(), List.of());

    private final int id;
    private final BitSet bits;
    private final List<String> names;
    private final String joined;

    CategorySet(int id, BitSet bits, List<String> names) {
        this.id = id;
        this.bits = bits;
        this.names = List.copyOf(names);
        this.joined = String.join("|", names);
    }

    int id() {
        return id;
    }

    BitSet bits() {
        return (BitSet) bits.clone();
    }

    public boolean contains(int category) {
        return bits.get(category);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public List<String> names() {
        return names;
    }

    /** The names joined by "|", as usage.csv writes them. */
    public String joined() {
        return joined;
    }

    @Override
    public String toString() {
        return joined;
    }
}
