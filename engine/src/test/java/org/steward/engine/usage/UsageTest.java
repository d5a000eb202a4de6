package org.steward.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.categories.CategorySet;

class UsageTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final long IDLE = 300_000;
    private static final CategoryIndex INDEX = CategoryIndex.builder(16)
            .domain("play.example", "games")
            .domain("shop.example", "shopping")
            .build();
    private static final CategorySet GAMES = INDEX.categorize("play.example", "/");
    private static final CategorySet SHOPPING = INDEX.categorize("shop.example", "/");

    private static long at(String date, int hour, int minute) {
        return ZonedDateTime.of(LocalDate.parse(date).atTime(hour, minute), ZONE).toInstant().toEpochMilli();
    }

    @Test
    void rowsComeByDateThenPersonThenSiteWhateverTheOrderTheyWereMet() {
        Usage usage = new Usage(ZONE, IDLE);
        usage.add("zoe", "b.example", at("2026-03-03", 9, 0), at("2026-03-03", 9, 1), 10, CategorySet.NONE);
        usage.add("amy", "z.example", at("2026-03-03", 9, 0), at("2026-03-03", 9, 1), 10, CategorySet.NONE);
        usage.add("amy", "a.example", at("2026-03-02", 9, 0), at("2026-03-02", 9, 1), 10, CategorySet.NONE);
        usage.add("zoe", "a.example", at("2026-03-03", 10, 0), at("2026-03-03", 10, 1), 10, CategorySet.NONE);
        usage.finish();

        assertThat(usage.rows()).extracting(r -> r.date() + " " + r.person() + " " + r.site()).containsExactly(
                "2026-03-02 amy a.example",
                "2026-03-03 amy z.example",
                "2026-03-03 zoe a.example",
                "2026-03-03 zoe b.example");
        assertThat(usage.people()).isEqualTo(2);
        assertThat(usage.sites()).isEqualTo(3);
    }

    @Test
    void aBlockedAttemptOrAClosingVisitThatMakesTheRowWhichGrowsTheTablesIsCounted() {
        // the row is made first, then counted: counting into the table it replaced lost it, or failed
        Usage usage = new Usage(ZONE, IDLE, 2);
        for (int site = 0; site < 9; site++) {
            usage.blocked("amy", "s" + site + ".example", at("2026-03-03", 9, site), CategorySet.NONE);
        }
        for (int day = 3; day <= 9; day++) {
            usage.add("amy", "a.example", at("2026-03-0" + day, 9, 0), at("2026-03-0" + day, 9, 1), 1,
                    CategorySet.NONE);
        }
        usage.finish();
        assertThat(usage.rows()).hasSize(16);
        assertThat(usage.rows()).filteredOn(r -> r.site().startsWith("s")).allMatch(r -> r.blocked() == 1);
        assertThat(usage.rows()).filteredOn(r -> r.site().equals("a.example"))
                .allMatch(r -> r.visits() == 1 && r.secondsConnected() == 60);
    }

    @Test
    void aDayComingBackAfterAnotherAddsToItsOwnRow() {
        Usage usage = new Usage(ZONE, IDLE);
        usage.add("amy", "a.example", at("2026-03-03", 9, 0), at("2026-03-03", 9, 1), 100, CategorySet.NONE);
        usage.add("amy", "a.example", at("2026-03-02", 9, 0), at("2026-03-02", 9, 2), 200, CategorySet.NONE);
        usage.add("amy", "a.example", at("2026-03-03", 9, 2), at("2026-03-03", 9, 3), 400, CategorySet.NONE);
        usage.finish();

        List<UsageRow> rows = usage.rows();
        assertThat(rows).extracting(UsageRow::date, UsageRow::requests, UsageRow::bytes).containsExactly(
                tuple(LocalDate.parse("2026-03-02"), 1L, 200L),
                tuple(LocalDate.parse("2026-03-03"), 2L, 500L));
    }

    @Test
    void aSitesRowNamesEveryCategoryItsRequestsCameWith() {
        Usage usage = new Usage(ZONE, IDLE);
        usage.add("amy", "play.example", at("2026-03-03", 9, 0), at("2026-03-03", 9, 1), 1, CategorySet.NONE);
        usage.add("amy", "play.example", at("2026-03-03", 9, 1), at("2026-03-03", 9, 2), 1, SHOPPING);
        usage.add("amy", "play.example", at("2026-03-03", 9, 2), at("2026-03-03", 9, 3), 1, GAMES);
        usage.add("amy", "play.example", at("2026-03-03", 9, 3), at("2026-03-03", 9, 4), 1, SHOPPING);
        usage.finish();

        assertThat(usage.rows()).singleElement().satisfies(row -> {
            assertThat(row.categories()).isEqualTo("games|shopping");
            assertThat(row.visits()).isEqualTo(1);
            assertThat(row.secondsConnected()).isEqualTo(240);
        });
    }

    @Test
    void aVisitGoingOnAtTheEndOfAPartIsContinuedByTheNext() {
        Usage first = new Usage(ZONE, IDLE);
        first.add("amy", "a.example", at("2026-03-03", 9, 0), at("2026-03-03", 9, 1), 1, CategorySet.NONE);
        first.finish();
        assertThat(first.visitEnds()).containsExactly(new Usage.VisitEnd("amy", "a.example", at("2026-03-03", 9, 1)));

        Usage next = new Usage(ZONE, IDLE);
        first.visitEnds().forEach(v -> next.resume(v.person(), v.site(), v.end()));
        boolean newVisit = next.add("amy", "a.example", at("2026-03-03", 9, 3), at("2026-03-03", 9, 4), 1,
                CategorySet.NONE);
        next.add("bob", "a.example", at("2026-03-03", 9, 3), at("2026-03-03", 9, 4), 1, CategorySet.NONE);
        next.finish();

        assertThat(newVisit).isFalse();
        assertThat(next.rows()).extracting(UsageRow::person, UsageRow::visits, UsageRow::secondsConnected)
                .containsExactly(
                        tuple("amy", 0L, 180L),
                        tuple("bob", 1L, 60L));
    }

    @Test
    void manyPeopleAndSitesKeepTheirOwnSums() {
        Usage usage = new Usage(ZONE, IDLE);
        long nine = at("2026-03-03", 9, 0);
        for (int person = 0; person < 300; person++) {
            for (int site = 0; site < 40; site++) {
                for (int request = 0; request <= site % 3; request++) {
                    usage.add("p" + person, "s" + site + ".example", nine + request * 1000,
                            nine + request * 1000 + 500, person + site, CategorySet.NONE);
                }
            }
        }
        usage.finish();

        List<UsageRow> rows = usage.rows();
        assertThat(rows).hasSize(300 * 40);
        assertThat(rows).allSatisfy(row -> {
            int person = Integer.parseInt(row.person().substring(1));
            int site = Integer.parseInt(row.site().substring(1, row.site().indexOf('.')));
            assertThat(row.requests()).isEqualTo(site % 3 + 1);
            assertThat(row.bytes()).isEqualTo((long) (site % 3 + 1) * (person + site));
            assertThat(row.visits()).isEqualTo(1);
        });
        assertThat(rows.get(0).person()).isEqualTo("p0");
        assertThat(rows.get(1).site()).isEqualTo("s1.example"); // by name: s0, s1, s10, s11, ...
        assertThat(rows.get(2).site()).isEqualTo("s10.example");
    }
}
