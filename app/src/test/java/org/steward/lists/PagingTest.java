package org.steward.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** The page asked for becomes SQL only through a list's own columns, and its links keep the list's filters. */
class PagingTest {

    static final SortColumns STAFF = SortColumns.of("staff directory", "s.id")
            .by("name", "lower(s.last_name)", "lower(s.first_name)")
            .byDescending("hired", "s.hire_date");

    @Test
    void aColumnNotOnTheListIsRefusedAndNoSqlFromTheAddressReachesAQuery() {
        assertThatThrownBy(() -> STAFF.paging(new ListParams(1, 50, "s.salary; drop table staff", null), 50))
                .isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("The staff directory is sorted by name, hired; not by 's.salary; drop table staff'");
        assertThatThrownBy(() -> STAFF.paging(new ListParams(1, 50, "name", "sideways"), 50))
                .hasMessageContaining("asc or desc");
        assertThat(STAFF.paging(new ListParams(null, null, "", ""), 50).orderBy())
                .isEqualTo(" order by lower(s.last_name) asc, lower(s.first_name) asc, s.id asc");
        assertThat(STAFF.paging(new ListParams(null, null, "hired", null), 50).orderBy())
                .isEqualTo(" order by s.hire_date desc, s.id desc");
        assertThat(STAFF.paging(new ListParams(null, null, "name", "DESC"), 50).orderBy())
                .isEqualTo(" order by lower(s.last_name) desc, lower(s.first_name) desc, s.id desc");
    }

    @Test
    void aPageIsWithinTheListAndTenToTwoHundredRowsLong() {
        Paging paging = STAFF.paging(new ListParams(-3, 100_000, null, null), 50);
        assertThat(paging.page()).isEqualTo(1);
        assertThat(paging.size()).isEqualTo(200);
        assertThat(STAFF.paging(new ListParams(2, 1, null, null), 50).size()).isEqualTo(10);

        // page 9 of a list of 120 rows, 50 a page, is its last page, 3
        Paged<Integer> paged = Paged.of(STAFF.paging(new ListParams(9, null, null, null), 50), () -> 120,
                page -> {
                    assertThat(page.offset()).isEqualTo(100);
                    return List.of(101, 102);
                });
        assertThat(paged.page()).isEqualTo(3);
        assertThat(paged.pages()).isEqualTo(3);
        assertThat(paged.firstRow()).isEqualTo(101);
        assertThat(paged.hasNext()).isFalse();
        assertThat(paged.hasPrevious()).isTrue();
    }

    @Test
    void linksKeepTheFiltersTheOrderAndTheSizeAndSayWhichColumnIsSorted() {
        Paging paging = STAFF.paging(new ListParams(2, 25, "name", "asc"), 50).at("/staff")
                .keeping("q", "O'Brien & Sons+1").keeping("site", 7L).keeping("job", "").keeping("boss", null);
        Paged<String> paged = new Paged<>(List.of("a"), 400, paging);
        assertThat(paged.pageLink(3))
                .isEqualTo("/staff?q=O%27Brien+%26+Sons%2B1&site=7&sort=name&dir=asc&page=3&size=25");
        assertThat(paged.pageLink(1)).isEqualTo("/staff?q=O%27Brien+%26+Sons%2B1&site=7&sort=name&dir=asc&size=25");
        // sorting again by the sorted column turns it round; another column starts its own way, from page 1
        assertThat(paged.sortLink("name")).contains("sort=name&dir=desc").doesNotContain("page=");
        assertThat(paged.sortLink("hired")).contains("sort=hired&dir=desc");
        assertThat(paged.ariaSort("name")).isEqualTo("ascending");
        assertThat(paged.ariaSort("hired")).isNull();
        assertThat(paged.filtered("site", null, "job", "Teacher")).isEqualTo("/staff?q=O%27Brien+%26+Sons%2B1&job=Teacher");
        assertThatThrownBy(() -> paged.sortLink("salary")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoListsOfOnePageEachKeepTheirOwnParametersAndEachOthersPlace() {
        Paging inbox = STAFF.paging(new ListParams(2, null, "hired", null), 50).at("/approvals").named("inbox")
                .keeping("q", "Ana");
        // a list the address says nothing of (bound as null) is at its first page, in its first order
        Paging mine = STAFF.paging(null, 50).at("/approvals").named("mine").keeping("q", "Ana");
        inbox.besides(mine);
        mine.besides(inbox);
        Paged<String> waiting = new Paged<>(List.of("a"), 400, inbox);
        Paged<String> asked = new Paged<>(List.of("a"), 120, mine);
        assertThat(waiting.pageLink(3))
                .isEqualTo("/approvals?q=Ana&mine.sort=name&mine.dir=asc&inbox.sort=hired&inbox.dir=desc&inbox.page=3");
        assertThat(asked.pageLink(2))
                .isEqualTo("/approvals?q=Ana&inbox.sort=hired&inbox.dir=desc&inbox.page=2&mine.sort=name&mine.dir=asc"
                        + "&mine.page=2");
        assertThat(asked.sortLink("hired")).contains("inbox.page=2").contains("mine.sort=hired&mine.dir=desc");
        assertThat(waiting.parameter("sort")).isEqualTo("inbox.sort");
        assertThat(new Paged<>(List.of("a"), 1, STAFF.first(50)).parameter("sort")).isEqualTo("sort");
    }

    @Test
    void thePagerShowsTheFirstTheLastAndTwoPagesEitherSideOfThisOne() {
        Paged<String> paged = new Paged<>(List.of("a"), 1_000,
                STAFF.paging(new ListParams(10, 50, null, null), 50));
        assertThat(paged.shownPages()).containsExactly(1, 0, 8, 9, 10, 11, 12, 0, 20);
        assertThat(new Paged<>(List.of("a"), 120, STAFF.first(50)).shownPages()).containsExactly(1, 2, 3);
        assertThat(new Paged<>(List.of(), 0, STAFF.first(50)).pages()).isEqualTo(1);
    }
}
