package org.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.devices.Inventory;
import org.steward.districts.District;

/**
 * The staff directory and the device list page, sort and filter a district's own rows: every row once across the
 * pages, filters kept in every link, a column not on the list refused, and never a row of another district.
 */
@StewardTest
class ListsTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired Inventory inventory;
    @Autowired org.steward.audit.AuditLog audit;
    @Autowired org.steward.districts.Sites sites;

    District alpha;
    District beta;
    StewardUser hrOfAlpha;
    StewardUser techOfAlpha;

    @BeforeEach
    void twoDistricts() {
        alpha = fixtures.district("Alpha Lists");
        beta = fixtures.district("Beta Lists");
        StringBuilder roster = new StringBuilder(
                "employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status\n");
        roster.append("P0,Pat,Principal,pat@alpha.org,LES,Principal,,2010-08-01,active\n");
        for (int i = 1; i <= 64; i++) {
            roster.append("A%02d,Person%02d,Surname%02d,a%d@alpha.org,%s,%s,%s,2015-08-01,active\n".formatted(i, i,
                    65 - i, i, i % 2 == 0 ? "LES" : "RHS", i % 4 == 0 ? "Counselor" : "Teacher", i <= 12 ? "P0" : ""));
        }
        fixtures.roster(alpha, roster.toString());
        StringBuilder other = new StringBuilder(
                "employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status\n");
        for (int i = 1; i <= 30; i++) {
            other.append("B%02d,Other%02d,Aaron%02d,b%d@beta.org,LES,Teacher,,2015-08-01,active\n".formatted(i, i, i, i));
        }
        fixtures.roster(beta, other.toString());
        hrOfAlpha = fixtures.user(alpha, Role.HR);
        techOfAlpha = fixtures.user(alpha, Role.TECHNOLOGY);
    }

    String page(StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void theDirectoryPagesThroughEveryoneOnceInTheOrderAskedWithItsFiltersKept() throws Exception {
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String html = page(hrOfAlpha, "/staff?sort=name&dir=desc&page=" + n + "&size=25");
            seen.addAll(all(html, ">(Surname\\d\\d|Principal), "));
            assertThat(html).doesNotContain("Aaron");
            if (n == 1) {
                assertThat(html).contains("Page 1 of 3: people 1 to 25 of 65.")
                        .contains("aria-sort=\"descending\"")
                        .contains("href=\"/staff?sort=name&amp;dir=desc&amp;page=2&amp;size=25\"")
                        .contains("aria-current=\"page\"");
            }
        }
        assertThat(seen).hasSize(65).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("Surname64");
        assertThat(seen.get(64)).isEqualTo("Principal");

        // a filter narrows it, is kept in the pager's and the headers' links, and counts only what it finds
        String counselors = page(hrOfAlpha, "/staff?job=Counselor&site=" + siteId("LES") + "&sort=employee");
        assertThat(all(counselors, ">Surname(\\d\\d), ")).hasSize(16);
        assertThat(counselors).contains("people 1 to 16 of 16.")
                .contains("href=\"/staff?site=" + siteId("LES") + "&amp;job=Counselor&amp;sort=employee&amp;dir=desc\"");
        // a page past the end shows the last one
        assertThat(page(hrOfAlpha, "/staff?page=99")).contains("Page 2 of 2: people 51 to 65 of 65.");
    }

    @Test
    void aSortColumnNotOnTheListIsABadRequestWithItsReasonNotAServerError() throws Exception {
        mvc.perform(get("/staff").param("sort", "s.salary desc; --").with(user(hrOfAlpha)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The staff directory is sorted by name, employee, site, job, supervisor, status")));
        mvc.perform(get("/devices").param("sort", "serial_number").with(user(techOfAlpha)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/staff").param("sort", "name").param("dir", "up").with(user(hrOfAlpha)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aSupervisorsDirectoryPagesThroughTheirOwnStaffOnly() throws Exception {
        StewardUser pat = fixtures.account(alpha, "P0", Role.SUPERVISOR);
        String first = page(pat, "/staff?size=10&sort=employee");
        assertThat(first).contains("people you supervise").contains("Page 1 of 2: people 1 to 10 of 12.");
        String second = page(pat, "/staff?size=10&sort=employee&page=2");
        assertThat(all(first + second, "<td>(A\\d\\d)</td>")).containsExactly("A01", "A02", "A03", "A04", "A05",
                "A06", "A07", "A08", "A09", "A10", "A11", "A12");
    }

    @Test
    void theDeviceListPagesAndSortsItsOwnDistrictsDevices() throws Exception {
        StringBuilder devices = new StringBuilder("asset_tag,serial_number,type,model,site\n");
        for (int i = 1; i <= 130; i++) {
            devices.append("L-%03d,SN%d,%s,Model %c,LES\n".formatted(i, i, i % 3 == 0 ? "tablet" : "laptop",
                    (char) ('A' + i % 5)));
        }
        inventory.importFile(alpha.id(), "devices.csv", devices.toString().getBytes(StandardCharsets.UTF_8));
        inventory.importFile(beta.id(), "devices.csv", "asset_tag,serial_number,type,model,site\nL-000,X,laptop,Beta,LES\n"
                .getBytes(StandardCharsets.UTF_8));
        List<String> tags = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = page(techOfAlpha, "/devices?type=LAPTOP&sort=model&size=50&page=" + n);
            tags.addAll(all(html, ">(L-\\d{3})</a>"));
            if (n == 1) {
                assertThat(html).contains("Page 1 of 2: devices 1 to 50 of 87.")
                        .contains("href=\"/devices?type=LAPTOP&amp;sort=model&amp;dir=asc&amp;page=2&amp;size=50\"");
            }
        }
        assertThat(tags).hasSize(87).doesNotHaveDuplicates().doesNotContain("L-000");
        assertThat(page(techOfAlpha, "/devices?q=L-00&sort=tag&dir=desc")).contains("devices 1 to 9 of 9.");
        // the loss, theft and damage reports page the same way
        assertThat(page(techOfAlpha, "/devices/incidents?kind=THEFT&sort=employee")).contains("No reports.");
        mvc.perform(get("/devices/incidents").param("sort", "cost").with(user(techOfAlpha)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theAuditTrailPagesAndSortsItsOwnDistrictsEntries() throws Exception {
        StewardUser records = fixtures.user(alpha, Role.RECORDS);
        for (int i = 0; i < 30; i++) {
            audit.record(alpha.id(), i % 3 == 0 ? "LIST_TESTED" : "LIST_LOOKED_AT", "list", i, "entry " + i);
            audit.record(beta.id(), "LIST_TESTED", "list", i, "beta's entry " + i);
        }
        String tested = page(records, "/audit?action=LIST_TESTED&size=10");
        assertThat(tested).contains("Page 1 of 1: entries 1 to 10 of 10.").doesNotContain("beta&#39;s entry")
                .doesNotContain("beta's entry");
        assertThat(all(tested, ">entry (\\d+)<")).containsExactly("27", "24", "21", "18", "15", "12", "9", "6", "3",
                "0");
        String byAction = page(records, "/audit?type=list&sort=action&size=10");
        assertThat(byAction).contains("entries 1 to 10 of 30.").contains("aria-sort=\"ascending\"")
                .contains("href=\"/audit?type=list&amp;sort=action&amp;dir=asc&amp;page=2&amp;size=10\"");
        assertThat(all(byAction, "<td>(LIST_\\w+)</td>")).containsOnly("LIST_LOOKED_AT");
        mvc.perform(get("/audit").param("sort", "details").with(user(records))).andExpect(status().isBadRequest());
    }

    long siteId(String code) {
        return sites.findByDistrictIdOrderByName(alpha.id()).stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().id();
    }
}
