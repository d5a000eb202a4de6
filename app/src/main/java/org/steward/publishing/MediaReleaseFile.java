package org.steward.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.steward.staff.CsvUploads;
import org.steward.staff.ImportProblem;
import org.steward.staff.RosterUpload;

/**
 * Reads the parents' media-release choices a SIS exports: {@code student_id,school_year,choice}, one line per student
 * and school year. Every line is read and every problem told with its line, so that one import fixes them all.
 */
final class MediaReleaseFile {

    static final String COLUMNS = "student_id,school_year,choice";

    /** The choices a file holds, and what is wrong with it; a line with a problem gives no row. */
    record Reading(List<Row> rows, List<ImportProblem> problems) {
    }

    record Row(long line, String studentId, SchoolYear year, MediaChoice choice) {
    }

    private MediaReleaseFile() {
    }

    static Reading read(RosterUpload file) {
        String name = file.name() == null || file.name().isBlank() ? "media release file" : file.name();
        List<ImportProblem> problems = new ArrayList<>();
        // a file that is not UTF-8 is still read, for the problems its other lines have
        CsvUploads.notUtf8(new RosterUpload(name, file.content())).ifPresent(problems::add);
        CsvUploads.withNul(new RosterUpload(name, file.content())).ifPresent(problems::add);
        List<Row> rows = new ArrayList<>();
        long line = 0;
        try (CSVParser csv = CsvUploads.parser(file)) {
            line = 1;
            Map<String, String> header = new HashMap<>();
            csv.getHeaderNames().forEach(h -> header.putIfAbsent(h.toLowerCase(Locale.ROOT), h));
            Optional<String> studentColumn = column(header, "student_id", "sourcedid");
            Optional<String> yearColumn = column(header, "school_year", "year");
            Optional<String> choiceColumn = column(header, "choice");
            List<String> missing = Stream.of(studentColumn.isEmpty() ? "student_id" : "",
                    yearColumn.isEmpty() ? "school_year" : "", choiceColumn.isEmpty() ? "choice" : "")
                    .filter(c -> !c.isEmpty()).toList();
            if (!missing.isEmpty()) {
                problems.add(new ImportProblem(name, 1, "missing column(s) " + String.join(", ", missing)
                        + "; the header is " + COLUMNS + " (student_id may be sourcedId, school_year may be year)"));
                return new Reading(List.of(), List.copyOf(problems));
            }
            int cells = csv.getHeaderNames().size();
            Map<String, Long> lineOf = new HashMap<>();
            for (CSVRecord record : csv) {
                line = csv.getCurrentLineNumber();
                if (record.stream().allMatch(String::isBlank)) {
                    continue; // a spreadsheet's trailing ",," row holds no choice
                }
                if (record.size() != cells) {
                    problems.add(new ImportProblem(name, line, "the line has " + record.size() + " cell(s) where"
                            + " the header has " + cells + ": check for a missing or extra comma"));
                    continue;
                }
                Optional<Row> row = row(name, line, record, studentColumn.get(), yearColumn.get(),
                        choiceColumn.get(), problems);
                if (row.isEmpty()) {
                    continue;
                }
                Long first = lineOf.putIfAbsent(row.get().studentId() + "\n" + row.get().year(), line);
                if (first != null) {
                    problems.add(new ImportProblem(name, line, "student " + row.get().studentId() + " has a choice"
                            + " for " + row.get().year() + " on line " + first + " and again on line " + line
                            + ": keep one"));
                    continue;
                }
                rows.add(row.get());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV stops at a quote that is never closed, and refuses a header naming a column twice
            problems.add(new ImportProblem(name, line + 1, line == 0 && e instanceof IllegalArgumentException
                    ? "the header cannot be read: " + firstSentence(e)
                    : "the CSV cannot be read from this line on: check for a quote (\") that is not closed ("
                    + firstSentence(e).replaceFirst("^\\(startline \\d+\\) ", "") + ")"));
        }
        return new Reading(List.copyOf(rows), List.copyOf(problems));
    }

    private static Optional<Row> row(String file, long line, CSVRecord record, String studentColumn,
                                     String yearColumn, String choiceColumn, List<ImportProblem> problems) {
        String student = CsvUploads.value(record, studentColumn);
        String yearText = CsvUploads.value(record, yearColumn);
        String choiceText = CsvUploads.value(record, choiceColumn);
        Optional<SchoolYear> year = SchoolYear.parse(yearText);
        Optional<MediaChoice> choice = MediaChoice.parse(choiceText);
        int before = problems.size();
        if (student.isEmpty()) {
            problems.add(new ImportProblem(file, line, studentColumn + " is empty: each line names a student"));
        }
        if (year.isEmpty()) {
            problems.add(new ImportProblem(file, line, yearColumn + " '" + yearText + "' is not a school year"
                    + " like 2026-27"));
        } else if (year.get().startYear() < 2000 || year.get().startYear() > 2200) {
            problems.add(new ImportProblem(file, line, yearColumn + " '" + yearText + "' is not a school year"
                    + " Steward keeps (2000-01 to 2200-01)"));
        }
        if (choice.isEmpty()) {
            problems.add(new ImportProblem(file, line, choiceColumn + " '" + choiceText + "' is not one of the four"
                    + " choices: none, limited, full name, no photographs"));
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new Row(line, student, year.get(), choice.get()));
    }

    /** The header's own spelling of the first of {@code names} it has, whatever its case. */
    private static Optional<String> column(Map<String, String> header, String... names) {
        return Stream.of(names).map(header::get).filter(h -> h != null).findFirst();
    }

    private static String firstSentence(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int stop = message.indexOf(". ");
        return stop < 0 ? message : message.substring(0, stop);
    }
}
