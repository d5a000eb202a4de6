package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A media-release choice belongs to a school year, which people and SIS exports write in several ways. */
class SchoolYearTest {

    static final MonthDay JULY_FIRST = MonthDay.of(7, 1);

    @Test
    void aDayBelongsToTheSchoolYearThatStartedOnOrBeforeIt() {
        assertThat(SchoolYear.containing(LocalDate.of(2026, 8, 20), JULY_FIRST)).hasToString("2026-27");
        assertThat(SchoolYear.containing(LocalDate.of(2026, 7, 1), JULY_FIRST)).isEqualTo(new SchoolYear(2026));
        assertThat(SchoolYear.containing(LocalDate.of(2026, 6, 30), JULY_FIRST)).hasToString("2025-26");
        assertThat(SchoolYear.containing(LocalDate.of(2027, 1, 4), JULY_FIRST)).isEqualTo(new SchoolYear(2026));
        // a district whose year starts in August keeps July in the year before
        assertThat(SchoolYear.containing(LocalDate.of(2026, 7, 20), MonthDay.of(8, 10))).hasToString("2025-26");
    }

    @Test
    void readsTheWaysAYearIsWritten() {
        assertThat(SchoolYear.parse("2026-27")).contains(new SchoolYear(2026));
        assertThat(SchoolYear.parse("2026-2027")).contains(new SchoolYear(2026));
        assertThat(SchoolYear.parse("2026\u201327")).contains(new SchoolYear(2026));
        assertThat(SchoolYear.parse(" 2026-27 ")).contains(new SchoolYear(2026));
        assertThat(SchoolYear.parse("2099-00")).contains(new SchoolYear(2099));
        // OneRoster's schoolYear is the year the school year ends in
        assertThat(SchoolYear.parse("2027")).contains(new SchoolYear(2026));
    }

    @Test
    void refusesEverythingElse() {
        // an em dash, and full-width digits, are not what a SIS writes either
        for (String text : List.of("", "2026-28", "2026-2028", "2026-26", "26-27", "2026/27", "2026 - 27", "2026_27",
                "2026\u201427", "202", "20270", "2026-027", "twenty", "2026-27x", "\uff12\uff10\uff12\uff17")) {
            assertThat(SchoolYear.parse(text)).as(text).isEmpty();
        }
        assertThat(SchoolYear.parse(null)).isEmpty();
    }

    @Test
    void writesAndStepsYears() {
        SchoolYear year = new SchoolYear(2026);
        assertThat(year.next()).hasToString("2027-28");
        assertThat(year.previous()).hasToString("2025-26");
        assertThat(new SchoolYear(2009)).hasToString("2009-10");
        assertThat(year.firstDay(JULY_FIRST)).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(SchoolYear.parse(year.toString())).contains(year);
        assertThat(List.of(year.next(), year.previous(), year).stream().sorted().toList())
                .containsExactly(year.previous(), year, year.next());
    }
}
