package org.steward.lists;

/** The page of a list as its address asks for it: {@code ?page=2&size=50&sort=name&dir=desc}, each optional. */
public record ListParams(Integer page, Integer size, String sort, String dir) {
}
