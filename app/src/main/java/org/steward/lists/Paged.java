package org.steward.lists;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.steward.lists.SortColumns.Direction;

/**
 * One page of a list's rows, with how many rows the list has in all; and the links its page shows: to other pages
 * and to the list sorted by another column, each keeping the list's filters.
 */
public record Paged<T>(List<T> rows, long total, Paging paging) {

    /**
     * Counts the rows first, so that a page past the end shows the last one, then reads the page: one count and one
     * query.
     */
    public static <T> Paged<T> of(Paging asked, LongSupplier count, Function<Paging, List<T>> page) {
        long total = count.getAsLong();
        Paging paging = asked.within(total);
        return new Paged<>(total == 0 ? List.of() : page.apply(paging), total, paging);
    }

    public <R> Paged<R> map(Function<T, R> f) {
        return new Paged<>(rows.stream().map(f).toList(), total, paging);
    }

    public int pages() {
        return (int) Math.max(1, (total + paging.size() - 1) / paging.size());
    }

    public int page() {
        return paging.page();
    }

    /** The number of the first row shown, counting from 1; 0 when there are none. */
    public long firstRow() {
        return rows.isEmpty() ? 0 : paging.offset() + 1;
    }

    public long lastRow() {
        return paging.offset() + rows.size();
    }

    public boolean hasPrevious() {
        return page() > 1;
    }

    public boolean hasNext() {
        return page() < pages();
    }

    /**
     * The page numbers the pager shows: the first, the last, and two either side of this one; 0 stands for the
     * pages left out between them.
     */
    public List<Integer> shownPages() {
        List<Integer> shown = new ArrayList<>();
        int last = pages();
        for (int n = 1; n <= last; n++) {
            if (n == 1 || n == last || Math.abs(n - page()) <= 2) {
                shown.add(n);
            } else if (shown.get(shown.size() - 1) != 0) {
                shown.add(0);
            }
        }
        return shown;
    }

    /** The address of another page of the list, in the same order and with the same filters. */
    public String pageLink(int n) {
        return link(n, paging.sort(), paging.direction());
    }

    /** The address of the list sorted by a column: the other way round when it is sorted by it already. */
    public String sortLink(String column) {
        if (!paging.columns().has(column)) {
            throw new IllegalArgumentException("The list has no column " + column);
        }
        Direction direction = column.equals(paging.sort()) ? paging.direction().reversed()
                : paging.columns().firstDirection(column);
        return link(1, column, direction);
    }

    /** The header's {@code aria-sort}: ascending or descending on the column the list is sorted by, else none. */
    public String ariaSort(String column) {
        return !column.equals(paging.sort()) ? null : paging.direction() == Direction.ASC ? "ascending" : "descending";
    }

    /** The order as a filter form keeps it in hidden fields: new filters start at page 1, in the same order. */
    public String dir() {
        return paging.direction().name().toLowerCase(Locale.ROOT);
    }

    public String sort() {
        return paging.sort();
    }

    /** The name of the address parameter for this list's sort, dir, page or size: a filter form's hidden fields. */
    public String parameter(String of) {
        return paging.parameter(of);
    }

    /** The same list, filters and order, at another address: its CSV file. */
    public String linkAt(String path) {
        return link(path, 1, paging.sort(), paging.direction());
    }

    /**
     * The list with filters changed, given as name and value in turn (a null value removes the filter), from its
     * first page in its default order: a view toggle, a filter cleared.
     */
    public String filtered(String... namesAndValues) {
        return filteredAt(paging.path(), namesAndValues);
    }

    /** As {@link #filtered}, at another address: the list's CSV file. */
    public String filteredAt(String path, String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>(paging.orderedFilters());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                query.remove(namesAndValues[i]);
            } else {
                query.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return address(path, query);
    }

    private String link(int page, String sort, Direction direction) {
        return link(paging.path(), page, sort, direction);
    }

    private String link(String path, int page, String sort, Direction direction) {
        Map<String, String> query = new LinkedHashMap<>(paging.orderedFilters());
        query.put(paging.parameter("sort"), sort);
        query.put(paging.parameter("dir"), direction.name().toLowerCase(Locale.ROOT));
        if (page > 1) {
            query.put(paging.parameter("page"), String.valueOf(page));
        }
        if (paging.size() != paging.defaultSize()) {
            query.put(paging.parameter("size"), String.valueOf(paging.size()));
        }
        return address(path, query);
    }

    private static String address(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        // form encoding: a '+' or '&' in a filter comes back as itself
        StringJoiner link = new StringJoiner("&", path + "?", "");
        query.forEach((name, value) -> link.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return link.toString();
    }
}
