package org.steward.devices;

import java.util.List;

import org.steward.staff.ImportProblem;

/** The outcome of a device import: applied whole, or refused whole with every problem. */
public record DeviceImport(String format, int rowsRead, int created, int updated, int unchanged,
                           List<ImportProblem> problems) {

    static DeviceImport refused(String format, int rowsRead, List<ImportProblem> problems) {
        return new DeviceImport(format, rowsRead, 0, 0, 0, List.copyOf(problems));
    }

    public boolean applied() {
        return problems.isEmpty();
    }
}
