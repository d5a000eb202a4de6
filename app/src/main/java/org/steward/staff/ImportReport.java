package org.steward.staff;

import java.util.List;

/**
 * What an import did, or why it did nothing. An import with any problem changes nothing: the person fixes the
 * file and imports it again.
 */
public record ImportReport(String format, int rowsRead, int created, int updated, int unchanged, int separated,
                           int skipped, List<ImportProblem> problems) {

    public boolean applied() {
        return problems.isEmpty();
    }

    static ImportReport refused(String format, int rowsRead, List<ImportProblem> problems) {
        return new ImportReport(format, rowsRead, 0, 0, 0, 0, 0, List.copyOf(problems));
    }
}
