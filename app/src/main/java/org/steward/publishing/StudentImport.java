package org.steward.publishing;

import java.util.List;

import org.steward.staff.ImportProblem;

/**
 * What an import of students or of media-release choices did, or why it did nothing: an import with any problem
 * changes nothing, and lists every problem with its file and line.
 */
public record StudentImport(String format, int rowsRead, int added, int changed, int unchanged, int left,
                            List<ImportProblem> problems) {

    public boolean applied() {
        return problems.isEmpty();
    }

    static StudentImport refused(String format, int rowsRead, List<ImportProblem> problems) {
        return new StudentImport(format, rowsRead, 0, 0, 0, 0, List.copyOf(problems));
    }
}
