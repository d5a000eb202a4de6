package org.steward.staff;

import static org.steward.staff.CsvUploads.files;
import static org.steward.staff.CsvUploads.parser;
import static org.steward.staff.CsvUploads.value;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a roster from the files a person uploads: a Steward CSV, or a OneRoster 1.1 or 1.2 bulk export
 * ({@code users.csv} with {@code orgs.csv}, and {@code roles.csv} in 1.2) as separate files or one zip. Staff are
 * the non-student roles; students, parents, guardians and relatives are left out and counted.
 */
final class RosterFiles {

    static final List<String> STEWARD_COLUMNS = List.of("employee_id", "first_name", "last_name", "email", "site",
            "job_function", "supervisor_employee_id", "hire_date", "status");

    private static final Map<String, String> STAFF_ROLES = Map.ofEntries(
            Map.entry("teacher", "Teacher"), Map.entry("aide", "Instructional aide"),
            Map.entry("administrator", "Administrator"), Map.entry("proctor", "Proctor"),
            Map.entry("districtadministrator", "District administrator"),
            Map.entry("siteadministrator", "Site administrator"),
            Map.entry("systemadministrator", "System administrator"), Map.entry("principal", "Principal"),
            Map.entry("counselor", "Counselor"));
    private static final Set<String> NOT_STAFF = Set.of("student", "parent", "guardian", "relative");

    /** The rows a set of files holds, the problems found while reading them, and what was left out. */
    record Reading(String format, List<RosterRow> rows, List<ImportProblem> problems, int skipped) {
    }

    private RosterFiles() {
    }

    static Reading read(List<RosterUpload> uploads) {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, RosterUpload> files = files(uploads, problems,
                "upload the roster as .csv files, or a OneRoster export as .zip");
        if (!problems.isEmpty()) {
            return new Reading("unknown", List.of(), problems, 0);
        }
        if (files.containsKey("users.csv")) {
            return oneRoster(files);
        }
        if (files.size() == 1) {
            return stewardCsv(files.values().iterator().next());
        }
        return new Reading("unknown", List.of(), List.of(new ImportProblem(String.join(", ", files.keySet()), 0,
                "upload either one Steward CSV, or a OneRoster export with users.csv and orgs.csv")), 0);
    }

    private static Reading stewardCsv(RosterUpload file) {
        List<RosterRow> rows = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        try (CSVParser csv = parser(file)) {
            List<String> missing = STEWARD_COLUMNS.stream()
                    .filter(c -> !List.of("email", "supervisor_employee_id", "hire_date", "status").contains(c))
                    .filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                return new Reading("steward", List.of(), List.of(new ImportProblem(file.name(), 1,
                        "missing column(s) " + String.join(", ", missing) + "; the columns are "
                                + String.join(",", STEWARD_COLUMNS))), 0);
            }
            for (CSVRecord record : csv) {
                long line = record.getParser().getCurrentLineNumber();
                String statusText = value(record, "status");
                StaffStatus status = statusText.isEmpty() || statusText.equalsIgnoreCase("active")
                        ? StaffStatus.ACTIVE
                        : statusText.equalsIgnoreCase("separated") ? StaffStatus.SEPARATED : null;
                if (status == null) {
                    problems.add(new ImportProblem(file.name(), line,
                            "status '" + statusText + "' is neither active nor separated"));
                    continue;
                }
                LocalDate hire;
                try {
                    hire = value(record, "hire_date").isEmpty() ? null : LocalDate.parse(value(record, "hire_date"));
                } catch (DateTimeParseException e) {
                    problems.add(new ImportProblem(file.name(), line,
                            "hire_date '" + value(record, "hire_date") + "' is not a date like 2024-08-15"));
                    continue;
                }
                rows.add(new RosterRow(file.name(), line, value(record, "employee_id"), value(record, "first_name"),
                        value(record, "last_name"), value(record, "email"), value(record, "site"), null,
                        value(record, "job_function"), value(record, "supervisor_employee_id"), hire, status));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem(file.name(), 0, "not a readable CSV file: " + e.getMessage()));
        }
        return new Reading("steward", rows, problems, 0);
    }

    private static Reading oneRoster(Map<String, RosterUpload> files) {
        List<ImportProblem> problems = new ArrayList<>();
        RosterUpload users = files.get("users.csv");
        RosterUpload orgFile = files.get("orgs.csv");
        if (orgFile == null) {
            return new Reading("oneroster", List.of(), List.of(new ImportProblem("orgs.csv", 0,
                    "missing: a OneRoster import needs orgs.csv beside users.csv to know each person's site")), 0);
        }
        Map<String, String> orgs = new HashMap<>();
        Map<String, String> rolesByUser = new HashMap<>();
        Map<String, String> orgByUser = new HashMap<>();
        try (CSVParser csv = parser(orgFile)) {
            for (CSVRecord org : csv) {
                orgs.put(value(org, "sourcedId"), value(org, "name"));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem("orgs.csv", 0, "not a readable CSV file: " + e.getMessage()));
        }
        RosterUpload roleFile = files.get("roles.csv");
        if (roleFile != null) {
            try (CSVParser csv = parser(roleFile)) {
                for (CSVRecord role : csv) {
                    String user = value(role, "userSourcedId");
                    // A person's primary role decides; a secondary staff role counts when there is no primary one.
                    if ("primary".equalsIgnoreCase(value(role, "roleType")) || !rolesByUser.containsKey(user)) {
                        rolesByUser.put(user, value(role, "role"));
                        orgByUser.put(user, value(role, "orgSourcedId"));
                    }
                }
            } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                problems.add(new ImportProblem("roles.csv", 0, "not a readable CSV file: " + e.getMessage()));
            }
        }
        List<RosterRow> rows = new ArrayList<>();
        int skipped = 0;
        try (CSVParser csv = parser(users)) {
            boolean hasRoleColumn = csv.getHeaderMap().containsKey("role");
            if (!hasRoleColumn && roleFile == null) {
                return new Reading("oneroster", List.of(), List.of(new ImportProblem("users.csv", 1,
                        "no role column: a OneRoster 1.2 export needs roles.csv beside users.csv")), 0);
            }
            for (CSVRecord user : csv) {
                long line = user.getParser().getCurrentLineNumber();
                String id = value(user, "sourcedId");
                String role = (hasRoleColumn ? value(user, "role") : rolesByUser.getOrDefault(id, ""))
                        .toLowerCase(Locale.ROOT);
                if (NOT_STAFF.contains(role)) {
                    skipped++;
                    continue;
                }
                String jobFunction = STAFF_ROLES.get(role);
                if (jobFunction == null) {
                    problems.add(new ImportProblem("users.csv", line, role.isEmpty()
                            ? "no role for " + id : "unknown OneRoster role '" + role + "'"));
                    continue;
                }
                String org = firstOf(user.isMapped("primaryOrgSourcedId") ? value(user, "primaryOrgSourcedId")
                        : user.isMapped("orgSourcedIds") ? value(user, "orgSourcedIds") : "");
                if (org.isEmpty()) {
                    org = orgByUser.getOrDefault(id, "");
                }
                boolean active = !"FALSE".equalsIgnoreCase(value(user, "enabledUser"))
                        && !"tobedeleted".equalsIgnoreCase(value(user, "status"));
                rows.add(new RosterRow("users.csv", line, id, value(user, "givenName"), value(user, "familyName"),
                        value(user, "email"), org, orgs.get(org), jobFunction, "", null,
                        active ? StaffStatus.ACTIVE : StaffStatus.SEPARATED));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem("users.csv", 0, "not a readable CSV file: " + e.getMessage()));
        }
        for (RosterRow row : rows) {
            if (!row.siteCode().isEmpty() && row.siteName() == null) {
                problems.add(new ImportProblem(row.file(), row.line(),
                        "unknown site: org " + row.siteCode() + " is not in orgs.csv"));
            }
        }
        return new Reading("oneroster", rows, problems, skipped);
    }

    private static String firstOf(String list) {
        int comma = list.indexOf(',');
        return (comma < 0 ? list : list.substring(0, comma)).strip();
    }
}
