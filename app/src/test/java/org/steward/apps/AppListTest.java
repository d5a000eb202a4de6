package org.steward.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.districts.District;

/**
 * The approved app list: the privacy verdict names each missing required term, an app that reaches pupil records
 * (or is used by students, or by children under 13) is not approved while one is missing, and the public list and
 * feed show approved apps only, to anyone, district by district.
 */
@StewardTest
class AppListTest {

    @Autowired AppList apps;
    @Autowired Fixtures fixtures;
    @Autowired MockMvc mvc;

    District district;

    @BeforeEach
    void district() {
        district = fixtures.district("Apps");
    }

    @Test
    void theVerdictNamesEveryMissingRequiredTermForWhatTheAppDoes() {
        App records = apps.add(district.id(), details("Gradebook Plus", " 6-8, 9-12,", true, false), "tech");
        assertThat(apps.find(district.id(), records.id()).orElseThrow().gradeBands()).containsExactly("6-8", "9-12");
        for (PrivacyTerm missing : PrivacyTerm.values()) {
            Map<PrivacyTerm, PrivacyReview.Answer> answers = allYes();
            answers.put(missing, PrivacyReview.Answer.NO);
            PrivacyReview review = apps.review(district.id(), records.id(), answers, "tech");
            boolean required = missing.law() != PrivacyTerm.Law.COPPA; // grades 6-12, no children under 13
            assertThat(review.missing()).as(missing.name()).isEqualTo(required ? java.util.List.of(missing)
                    : java.util.List.of());
        }
        App staffOnly = apps.add(district.id(), details("Staff Scheduler", "staff", false, false), "tech");
        assertThat(apps.review(district.id(), staffOnly.id(), Map.of(), "tech").missing()).isEmpty();
        App young = apps.add(district.id(), details("Phonics Fun", "TK-2", false, true), "tech");
        assertThat(apps.review(district.id(), young.id(), Map.of(), "tech").missing())
                .containsExactly(PrivacyTerm.SOPIPA_NO_TARGETED_ADS, PrivacyTerm.SOPIPA_NO_PROFILING,
                        PrivacyTerm.SOPIPA_NO_SALE, PrivacyTerm.SOPIPA_DELETE_ON_REQUEST,
                        PrivacyTerm.COPPA_SCHOOL_CONSENT);
    }

    @Test
    void anAppReachingPupilRecordsIsNotApprovedWhileATermIsMissingAndConditionsAreWritten() {
        App app = apps.add(district.id(), details("Gradebook Plus", "6-8,9-12", true, false), "tech");
        assertThatThrownBy(() -> apps.decide(district.id(), app.id(), App.Status.APPROVED, "", "tech"))
                .hasMessageContaining("complete its privacy review first");
        Map<PrivacyTerm, PrivacyReview.Answer> answers = allYes();
        answers.put(PrivacyTerm.AB1584_BREACH_NOTICE, PrivacyReview.Answer.NO);
        apps.review(district.id(), app.id(), answers, "tech");
        assertThatThrownBy(() -> apps.decide(district.id(), app.id(), App.Status.APPROVED, "", "tech"))
                .hasMessageContaining("cannot be approved while its agreement lacks")
                .hasMessageContaining("notified of an unauthorized disclosure");
        Map<PrivacyTerm, PrivacyReview.Answer> withoutCoppa = allYes();
        withoutCoppa.put(PrivacyTerm.COPPA_SCHOOL_CONSENT, PrivacyReview.Answer.NOT_APPLICABLE);
        apps.review(district.id(), app.id(), withoutCoppa, "tech");
        assertThatThrownBy(() -> apps.decide(district.id(), app.id(), App.Status.APPROVED_WITH_CONDITIONS, " ", "tech"))
                .hasMessageContaining("Write the conditions");
        App approved = apps.decide(district.id(), app.id(), App.Status.APPROVED_WITH_CONDITIONS,
                "Teachers only enter first names and student numbers", "tech");
        assertThat(approved.status()).isEqualTo(App.Status.APPROVED_WITH_CONDITIONS);

        // now used by children under 13, without a COPPA answer: back under review
        App changed = apps.update(district.id(), app.id(), new AppList.Details("Gradebook Plus", "", "", "",
                "3-5,6-8", "", "", false, true, true, App.Agreement.CSDPA, null, null, false), "tech");
        assertThat(changed.status()).isEqualTo(App.Status.UNDER_REVIEW);
    }

    @Test
    void thePublicListAndFeedShowOnlyApprovedAppsToAnyoneByDistrict() throws Exception {
        App approved = apps.add(district.id(), details("Staff Scheduler", "staff", false, false), "tech");
        apps.decide(district.id(), approved.id(), App.Status.APPROVED, "", "tech");
        apps.add(district.id(), details("Shady Quiz", "6-8", false, false), "tech"); // under review
        App denied = apps.add(district.id(), details("Ad Games", "3-5", false, false), "tech");
        apps.decide(district.id(), denied.id(), App.Status.DENIED, "", "tech");
        District other = fixtures.district("Other");

        String page = mvc.perform(get("/apps/approved/" + district.slug())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Staff Scheduler").doesNotContain("Shady Quiz").doesNotContain("Ad Games");
        mvc.perform(get("/apps/approved.json").param("district", district.slug())).andExpect(status().isOk())
                .andExpect(jsonPath("$.apps.length()").value(1))
                .andExpect(jsonPath("$.apps[0].name").value("Staff Scheduler"))
                .andExpect(jsonPath("$.apps[0].status").value("approved"))
                .andExpect(jsonPath("$.apps[0].gradeBands").value(org.hamcrest.Matchers.contains("staff")));
        mvc.perform(get("/apps/approved/" + other.slug() + ".json")).andExpect(jsonPath("$.apps.length()").value(0));
        mvc.perform(get("/apps/approved/no-such-district.json")).andExpect(status().isNotFound());

        mvc.perform(get("/apps")).andExpect(status().is3xxRedirection()); // sign-in first
        mvc.perform(get("/apps").with(user(fixtures.user(district, Role.EMPLOYEE)))).andExpect(status().isForbidden());
        mvc.perform(get("/apps/" + approved.id()).with(user(fixtures.user(other, Role.TECHNOLOGY))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/apps/" + approved.id() + "/decision").with(user(fixtures.user(district, Role.HR)))
                .with(csrf()).param("status", "RETIRED")).andExpect(status().isForbidden());
        assertThat(apps.find(district.id(), approved.id()).orElseThrow().status()).isEqualTo(App.Status.APPROVED);
    }

    @Test
    void theListOfAppsAndThePublicListPageSortAndFilterWhileTheFeedHasEveryApprovedApp() throws Exception {
        for (int i = 1; i <= 55; i++) {
            App app = apps.add(district.id(), new AppList.Details("App %02d".formatted(i), "Vendor " + (char) ('A' + i % 3),
                    "", i % 5 == 0 ? "Reading" : "Maths", "staff", "", "", false, false, false, App.Agreement.CSDPA,
                    null, null, false), "tech");
            if (i <= 52) {
                apps.decide(district.id(), app.id(), App.Status.APPROVED, "", "tech");
            }
        }
        District other = fixtures.district("Other apps");
        apps.add(other.id(), details("Other's App", "staff", false, false), "tech");
        var tech = fixtures.user(district, Role.TECHNOLOGY);

        // technology's list, by name, twenty a page: every app once, never another district's
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String html = page(tech, "/apps?size=20&page=" + n);
            seen.addAll(names(html));
            assertThat(html).doesNotContain("Other&#39;s App");
            if (n == 1) {
                assertThat(html).contains("Page 1 of 3: apps 1 to 20 of 55.")
                        .contains("href=\"/apps?sort=name&amp;dir=asc&amp;page=2&amp;size=20\"");
            }
        }
        assertThat(seen).hasSize(55).doesNotHaveDuplicates().startsWith("App 01", "App 02");
        assertThat(names(page(tech, "/apps?sort=status")).subList(0, 3)).containsExactly("App 53", "App 54",
                "App 55"); // under review first
        assertThat(names(page(tech, "/apps?sort=name&dir=desc")).get(0)).isEqualTo("App 55");
        assertThat(page(tech, "/apps?q=reading&status=APPROVED")).contains("apps 1 to 10 of 10.")
                .contains("href=\"/apps?q=reading&amp;status=APPROVED&amp;sort=vendor&amp;dir=asc\"");
        mvc.perform(get("/apps").param("sort", "agreement_file").with(user(tech)))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("The list of apps is sorted by name, vendor, "
                                + "pupil-records, agreement, status; not by 'agreement_file'")));

        // the public list, fifty a page, approved apps only; the feed has every one of them
        String first = mvc.perform(get("/apps/approved/" + district.slug())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(first).contains("Page 1 of 2: apps 1 to 50 of 52.").doesNotContain("App 53")
                .contains("href=\"/apps/approved/" + district.slug() + "?sort=name&amp;dir=asc&amp;page=2\"");
        String second = mvc.perform(get("/apps/approved/" + district.slug()).param("page", "2").param("dir", "desc"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(second).contains("apps 51 to 52 of 52.").contains(">App 02<").contains(">App 01<");
        assertThat(mvc.perform(get("/apps/approved/" + district.slug()).param("q", "reading")).andReturn()
                .getResponse().getContentAsString()).contains("apps 1 to 10 of 10.");
        mvc.perform(get("/apps/approved/" + district.slug()).param("sort", "vendor"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/apps/approved/" + district.slug() + ".json")).andExpect(jsonPath("$.apps.length()").value(52));

        // as many statements for twenty rows as for fifty-five
        java.util.List<String> twenty = org.steward.QueryCounts.during(() -> page(tech, "/apps?size=20"));
        assertThat(twenty).isNotEmpty();
        assertThat(org.steward.QueryCounts.during(() -> page(tech, "/apps?size=60"))).hasSameSizeAs(twenty);
    }

    String page(org.steward.accounts.StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The names of the apps a page lists, each a link to its page. */
    static java.util.List<String> names(String html) {
        java.util.List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"/apps/\\d+\">([^<]+)</a>").matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static AppList.Details details(String name, String bands, boolean pupilRecords, boolean under13) {
        return new AppList.Details(name, "Vendor", "https://example.org", "Teaching", bands, "", "", false,
                pupilRecords, under13, App.Agreement.CSDPA, null, null, false);
    }

    static Map<PrivacyTerm, PrivacyReview.Answer> allYes() {
        Map<PrivacyTerm, PrivacyReview.Answer> answers = new EnumMap<>(PrivacyTerm.class);
        Arrays.stream(PrivacyTerm.values()).forEach(t -> answers.put(t, PrivacyReview.Answer.YES));
        return answers;
    }
}
