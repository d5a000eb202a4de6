package org.steward.acknowledgments;

/** One statement of the district's signature page; each needs its own tick. */
public record Statement(long id, int position, String text) {
}
