package org.steward.staff;

/** What is wrong with one line of an import file. */
public record ImportProblem(String file, long line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + reason;
    }
}
