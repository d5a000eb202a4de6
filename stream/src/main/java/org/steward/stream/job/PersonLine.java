package org.steward.stream.job;

/**
 * A line that told something a person did, on its way to the task that keeps the person's activity: the key is the
 * district and the person.
 */
public record PersonLine(String district, String person, String source, long line, long position, byte[] bytes) {

    /** District and person: a district's id holds no '/' (docs/scale.md), so the key is one text. */
    public String key() {
        return district + '/' + person;
    }
}
