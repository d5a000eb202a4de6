package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.steward.staff.ImportProblem;
import org.steward.staff.RosterUpload;

/**
 * The parents' media-release choices as a SIS exports them: a good file is read whole, and a bad one has every
 * problem told with its line and the column and value at fault, none of its lines dropped without a word.
 */
class MediaReleaseFileTest {

    static MediaReleaseFile.Reading read(String csv) {
        return MediaReleaseFile.read(new RosterUpload("media.csv", csv.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> problems(MediaReleaseFile.Reading reading) {
        return reading.problems().stream().map(ImportProblem::toString).toList();
    }

    @Test
    void readsAGoodFileWhole() {
        MediaReleaseFile.Reading reading = read("""
                student_id,school_year,choice\r
                S100,2026-27,limited\r
                S101,2026-2027,Full name\r
                S102,2026\u201327,NO_PHOTOGRAPHS\r
                S103,2027,none\r
                S100,2025-26,no photos\r
                """);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.rows()).containsExactly(
                new MediaReleaseFile.Row(2, "S100", new SchoolYear(2026), MediaChoice.LIMITED),
                new MediaReleaseFile.Row(3, "S101", new SchoolYear(2026), MediaChoice.FULL_NAME),
                new MediaReleaseFile.Row(4, "S102", new SchoolYear(2026), MediaChoice.NO_PHOTOGRAPHS),
                new MediaReleaseFile.Row(5, "S103", new SchoolYear(2026), MediaChoice.NONE),
                new MediaReleaseFile.Row(6, "S100", new SchoolYear(2025), MediaChoice.NO_PHOTOGRAPHS));
    }

    @Test
    void takesTheSisColumnNamesInAnyCaseAndAnyOrder() {
        MediaReleaseFile.Reading reading = read("\uFEFFChoice,SourcedId,Year,Notes\n"
                + "limited identification,usr-1,2026-27,signed at registration\n"
                + "\"full\",usr-2,2026-27,\n");

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.rows()).extracting(MediaReleaseFile.Row::studentId, MediaReleaseFile.Row::choice)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("usr-1", MediaChoice.LIMITED),
                        org.assertj.core.groups.Tuple.tuple("usr-2", MediaChoice.FULL_NAME));
    }

    @Test
    void tellsEveryProblemWithItsLineAndTheValueAtFault() {
        MediaReleaseFile.Reading reading = read("""
                student_id,school_year,choice
                S100,2026-27,limited
                ,2026-27,limited
                S102,2026/27,limited
                S103,2026-27,maybe
                S100,2026-2027,full name
                S104,2026-27
                S105,2026-27,none,extra
                S106,1999-00,none
                S107,2026-27,none
                """);

        assertThat(problems(reading)).containsExactly(
                "media.csv line 3: student_id is empty: each line names a student",
                "media.csv line 4: school_year '2026/27' is not a school year like 2026-27",
                "media.csv line 5: choice 'maybe' is not one of the four choices: none, limited, full name,"
                        + " no photographs",
                "media.csv line 6: student S100 has a choice for 2026-27 on line 2 and again on line 6: keep one",
                "media.csv line 7: the line has 2 cell(s) where the header has 3: check for a missing or extra"
                        + " comma",
                "media.csv line 8: the line has 4 cell(s) where the header has 3: check for a missing or extra"
                        + " comma",
                "media.csv line 9: school_year '1999-00' is not a school year Steward keeps (2000-01 to 2200-01)");
        // the good lines are still read, though a file with problems is imported by no one
        assertThat(reading.rows()).extracting(MediaReleaseFile.Row::line).containsExactly(2L, 10L);
    }

    @Test
    void aLineWithSeveralProblemsHasThemAll() {
        MediaReleaseFile.Reading reading = read("sourcedId,year,choice\n,next year,yes\n");

        assertThat(problems(reading)).containsExactly(
                "media.csv line 2: sourcedId is empty: each line names a student",
                "media.csv line 2: year 'next year' is not a school year like 2026-27",
                "media.csv line 2: choice 'yes' is not one of the four choices: none, limited, full name,"
                        + " no photographs");
        assertThat(reading.rows()).isEmpty();
    }

    @Test
    void namesTheMissingColumns() {
        MediaReleaseFile.Reading reading = read("id,year,release\nS100,2026-27,limited\n");

        assertThat(problems(reading)).containsExactly("media.csv line 1: missing column(s) student_id, choice;"
                + " the header is student_id,school_year,choice (student_id may be sourcedId, school_year may be"
                + " year)");
        assertThat(reading.rows()).isEmpty();
    }

    @Test
    void anEmptyFileHasNoColumns() {
        assertThat(problems(read(""))).containsExactly("media.csv line 1: missing column(s) student_id,"
                + " school_year, choice; the header is student_id,school_year,choice (student_id may be sourcedId,"
                + " school_year may be year)");
    }

    @Test
    void aQuoteNeverClosedIsAProblemAtItsLineAndTheLinesBeforeItAreRead() {
        MediaReleaseFile.Reading reading = read("student_id,school_year,choice\nS100,2026-27,limited\n"
                + "S101,\"2026-27,none\nS102,2026-27,none\n");

        assertThat(reading.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).isEqualTo("the CSV cannot be read from this line on: check for a quote (\")"
                    + " that is not closed (EOF reached before encapsulated token finished)");
        });
        assertThat(reading.rows()).extracting(MediaReleaseFile.Row::studentId).containsExactly("S100");
    }

    @Test
    void aHeaderNamingAColumnTwiceIsAProblem() {
        assertThat(problems(read("student_id,student_id,school_year,choice\n")))
                .singleElement().asString().startsWith("media.csv line 1: the header cannot be read: ");
    }

    @Test
    void aFileThatIsNotUtf8IsToldAndItsOtherProblemsToo() {
        byte[] windows1252 = "student_id,school_year,choice\nS100,2026-27,limited\nS101,2026-27,peut-\u00eatre\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        MediaReleaseFile.Reading reading = MediaReleaseFile.read(new RosterUpload("media.csv", windows1252));

        assertThat(reading.problems()).extracting(ImportProblem::line).containsExactly(3L, 3L);
        assertThat(reading.problems().get(0).reason()).startsWith("the file is not UTF-8");
        assertThat(reading.problems().get(1).reason()).startsWith("choice 'peut-");
    }

    @Test
    void aSpreadsheetsBlankRowsHoldNothingToLose() {
        MediaReleaseFile.Reading reading = read("student_id,school_year,choice\nS100,2026-27,limited\n,,\n , ,\n");

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.rows()).hasSize(1);
    }

    @Test
    void anyBytesAreReadWithoutThrowingAndNoneOfThemPassesForAChoice() {
        Random random = new Random(4040);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            boolean text = i % 2 == 0;
            if (text) {
                // text under a good header, so that the CSV parser itself is tried, not only the UTF-8 check
                String cells = ",\"\n\r a1-'=\t";
                for (int b = 0; b < bytes.length; b++) {
                    bytes[b] = (byte) cells.charAt(Math.floorMod(bytes[b], cells.length()));
                }
                bytes = ("student_id,school_year,choice\n" + new String(bytes, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            MediaReleaseFile.Reading reading = MediaReleaseFile.read(new RosterUpload("random.csv", bytes));

            assertThat(reading.rows()).as("bytes %d", i).isEmpty();
            if (!text) {
                assertThat(reading.problems()).as("bytes %d", i).isNotEmpty();
            }
        }
    }

    @Test
    void choicesAreReadAsPeopleWriteThem() {
        assertThat(MediaChoice.parse("none")).contains(MediaChoice.NONE);
        assertThat(MediaChoice.parse("No identification")).contains(MediaChoice.NONE);
        assertThat(MediaChoice.parse("LIMITED")).contains(MediaChoice.LIMITED);
        assertThat(MediaChoice.parse("limited_identification")).contains(MediaChoice.LIMITED);
        assertThat(MediaChoice.parse("Full-Name")).contains(MediaChoice.FULL_NAME);
        assertThat(MediaChoice.parse("full")).contains(MediaChoice.FULL_NAME);
        assertThat(MediaChoice.parse(" no  photographs ")).contains(MediaChoice.NO_PHOTOGRAPHS);
        assertThat(MediaChoice.parse("No photos")).contains(MediaChoice.NO_PHOTOGRAPHS);
        assertThat(MediaChoice.parse("no-media")).contains(MediaChoice.NO_PHOTOGRAPHS);
        assertThat(MediaChoice.parse("yes")).isEmpty();
        assertThat(MediaChoice.parse("")).isEmpty();
        assertThat(MediaChoice.parse(null)).isEmpty();
        for (MediaChoice choice : MediaChoice.values()) {
            assertThat(MediaChoice.parse(choice.name())).contains(choice);
            assertThat(MediaChoice.parse(choice.title())).contains(choice);
        }
        assertThat(MediaChoice.FULL_NAME.title()).isEqualTo("Full name (high school)");
    }
}
