package org.steward.lists;

/**
 * The page of a list as its address asks for it: {@code ?page=2&size=50&sort=name&dir=desc}, each optional. A page
 * with several lists binds each under its name ({@code ?inbox.page=2}) as a field of a record of its lists.
 */
public record ListParams(Integer page, Integer size, String sort, String dir) {

    static final ListParams NONE = new ListParams(null, null, null, null);
}
