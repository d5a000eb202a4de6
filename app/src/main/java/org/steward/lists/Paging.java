package org.steward.lists;

import java.util.LinkedHashMap;
import java.util.Map;

import org.steward.lists.SortColumns.Direction;

/**
 * A page of a list: which page, how many rows, in which order; with the address of the list and its filters, so
 * that every link to another page or order keeps them. A query takes {@link #orderBy()}, {@link #offset()} and
 * {@link #limit()}; the order's SQL comes from the list's {@link SortColumns}, never from the address.
 */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private final SortColumns columns;
    private final int page;
    private final int size;
    private final String sort;
    private final Direction direction;
    private final int defaultSize;
    private String path = "";
    private String name = "";
    private final Map<String, String> filters = new LinkedHashMap<>();

    Paging(SortColumns columns, int page, int size, String sort, Direction direction, int defaultSize) {
        this.columns = columns;
        this.defaultSize = defaultSize;
        this.page = page;
        this.size = size;
        this.sort = sort;
        this.direction = direction;
    }

    /** The list's address, as links on its page use it (the context path included). */
    public Paging at(String path) {
        this.path = path;
        return this;
    }

    /**
     * The list's name on a page that shows more than one: its address parameters are then {@code name.page},
     * {@code name.sort}, {@code name.dir} and {@code name.size}, as {@link ListParams} bound under that name.
     */
    public Paging named(String name) {
        this.name = name;
        return this;
    }

    /** Another list of the same page, whose page and order every link of this one keeps. */
    public Paging besides(Paging other) {
        keeping(other.parameter("sort"), other.sort()).keeping(other.parameter("dir"), other.direction().name()
                .toLowerCase(java.util.Locale.ROOT));
        if (other.page() > 1) {
            keeping(other.parameter("page"), other.page());
        }
        if (other.size() != other.defaultSize()) {
            keeping(other.parameter("size"), other.size());
        }
        return this;
    }

    /** The address parameter that says this list's page, sort, dir or size. */
    public String parameter(String of) {
        return name.isEmpty() ? of : name + "." + of;
    }

    /** A filter the list was asked with, kept in every link; blank or null is left out. */
    public Paging keeping(String name, Object value) {
        if (value != null && !String.valueOf(value).isBlank()) {
            filters.put(name, String.valueOf(value));
        }
        return this;
    }

    /** A filter whose blank value means something of its own (the findings' status "any", where none is "open"). */
    public Paging keepingBlank(String name, String value) {
        if (value != null) {
            filters.put(name, value);
        }
        return this;
    }

    /** The same list at the last page there is, when more was asked for than there are rows. */
    Paging within(long total) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        if (page <= last) {
            return this;
        }
        Paging moved = new Paging(columns, last, size, sort, direction, defaultSize).at(path).named(name);
        moved.filters.putAll(filters);
        return moved;
    }

    public String orderBy() {
        return columns.orderBy(sort, direction);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public int limit() {
        return size;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    public String sort() {
        return sort;
    }

    public Direction direction() {
        return direction;
    }

    public String path() {
        return path;
    }

    int defaultSize() {
        return defaultSize;
    }

    SortColumns columns() {
        return columns;
    }

    Map<String, String> orderedFilters() {
        return filters;
    }
}
