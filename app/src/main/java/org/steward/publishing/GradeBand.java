package org.steward.publishing;

/**
 * The standard a student's identification follows (Clovis F.2 and F.3): elementary and intermediate students have a
 * limited identification at most; high school students' parents may choose their full name.
 */
public enum GradeBand {
    ELEMENTARY("Elementary"), INTERMEDIATE("Intermediate"), HIGH("High school");

    private final String title;

    GradeBand(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
