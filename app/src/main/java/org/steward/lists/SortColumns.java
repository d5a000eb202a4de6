package org.steward.lists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The columns one list may be sorted by: each a name the address may use and the SQL it orders by. Only this SQL
 * reaches a query; a name not on the list is refused with 400. The first column is the list's default order, and
 * {@code unique} breaks ties so that a row is never on two pages.
 */
public final class SortColumns {

    private final String list;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final String unique;

    record Column(String name, List<String> sql, Direction first) {
    }

    public enum Direction {
        ASC, DESC;

        Direction reversed() {
            return this == ASC ? DESC : ASC;
        }
    }

    private SortColumns(String list, String unique) {
        this.list = list;
        this.unique = unique;
    }

    /** A list named as its page says it ("the staff directory"), whose rows {@code unique} tells apart. */
    public static SortColumns of(String list, String unique) {
        return new SortColumns(list, unique);
    }

    /** A column sorted A to Z first, by one or more SQL expressions. */
    public SortColumns by(String name, String... sql) {
        return add(name, Direction.ASC, sql);
    }

    /** A column sorted newest or largest first (dates, counts, severity). */
    public SortColumns byDescending(String name, String... sql) {
        return add(name, Direction.DESC, sql);
    }

    private SortColumns add(String name, Direction first, String... sql) {
        columns.put(name, new Column(name, List.of(sql), first));
        return this;
    }

    /**
     * The page asked for: {@code sort} blank means the default column, {@code dir} blank the column's own first
     * direction, {@code size} out of 10 to 200 is brought within it, and {@code page} starts at 1.
     */
    public Paging paging(ListParams asked, int defaultSize) {
        // a list named on a page of several is bound as null when the address has none of its parameters
        ListParams given = asked == null ? ListParams.NONE : asked;
        String name = given.sort() == null || given.sort().isBlank() ? columns.keySet().iterator().next()
                : given.sort().strip();
        Column column = columns.get(name);
        if (column == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The " + list + " is sorted by "
                    + String.join(", ", columns.keySet()) + "; not by '" + name + "'.");
        }
        Direction direction;
        if (given.dir() == null || given.dir().isBlank()) {
            direction = column.first();
        } else if (given.dir().equalsIgnoreCase("asc") || given.dir().equalsIgnoreCase("desc")) {
            direction = Direction.valueOf(given.dir().toUpperCase(java.util.Locale.ROOT));
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A list is sorted asc or desc; not '"
                    + given.dir() + "'.");
        }
        int size = given.size() == null ? defaultSize : Math.max(10, Math.min(Paging.MAX_SIZE, given.size()));
        int page = given.page() == null ? 1 : Math.max(1, given.page());
        return new Paging(this, page, size, name, direction, defaultSize);
    }

    /** The default page: the first, in the default order. */
    public Paging first(int size) {
        return paging(new ListParams(1, size, null, null), size);
    }

    String orderBy(String name, Direction direction) {
        Column column = columns.get(name);
        StringBuilder sql = new StringBuilder(" order by ");
        for (String expression : column.sql()) {
            sql.append(expression).append(direction == Direction.ASC ? " asc, " : " desc, ");
        }
        return sql.append(unique).append(direction == Direction.ASC ? " asc" : " desc").toString();
    }

    Direction firstDirection(String name) {
        return columns.get(name).first();
    }

    boolean has(String name) {
        return columns.containsKey(name);
    }
}
