package org.steward.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.AtOnce;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.apps.App;
import org.steward.apps.AppList;
import org.steward.apps.PrivacyReview;
import org.steward.apps.PrivacyTerm;
import org.steward.districts.District;

/**
 * One workflow for prior approvals: each kind follows its route (the requester's supervisor, then roles), nobody
 * approves their own request, a denial says why, approvals expire as their kind says, a new app waits for its
 * privacy review, and the requester hears of each step.
 */
@StewardTest
class ApprovalsTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            S1,Sue,Super,sue@example.org,LES,Assistant superintendent,,2010-08-01,active
            """;

    @Autowired Approvals approvals;
    @Autowired ApprovalRoutes routes;
    @Autowired org.steward.policies.PolicyLibrary policies;
    @Autowired AppList apps;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    District district;
    StewardUser ana;
    StewardUser pat;
    StewardUser carl;
    StewardUser sue;

    @BeforeEach
    void district() {
        district = fixtures.district("Approvals");
        fixtures.roster(district, ROSTER);
        ana = account("T1", Role.EMPLOYEE);
        pat = account("P1", Role.SUPERVISOR);
        carl = account("C1", Role.TECHNOLOGY);
        sue = account("S1", Role.DISTRICT_ADMIN);
    }

    @Test
    void aRequestFollowsItsKindsRouteAndTheRequesterHearsOfEachStep() {
        Request request = approvals.submit(district.id(), ana, Kind.SUBSCRIPTION,
                Map.of("service", "Science video library", "cost", "240", "why", "Grade 5 science units"));
        assertThat(request.route()).containsExactly(Role.SUPERVISOR, Role.TECHNOLOGY, Role.DISTRICT_ADMIN);
        assertThat(request.clause()).isEqualTo("C.14");
        assertThat(approvals.inbox(district.id(), pat)).extracting(Request::id).containsExactly(request.id());
        assertThat(approvals.inbox(district.id(), carl)).isEmpty();
        assertThatThrownBy(() -> approvals.decide(district.id(), request.id(), carl, true, "", ""))
                .hasMessageContaining("waits for your supervisor");

        approvals.decide(district.id(), request.id(), pat, true, "", "");
        assertThat(approvals.inbox(district.id(), carl)).extracting(Request::id).containsExactly(request.id());
        approvals.decide(district.id(), request.id(), carl, true, "Purchase through the district account", "");
        Request done = approvals.decide(district.id(), request.id(), sue, true, "", "");
        assertThat(done.status()).isEqualTo(Request.Status.APPROVED);
        assertThat(done.conditions()).isEqualTo("Purchase through the district account");
        assertThat(done.decisions()).extracting(Request.Decision::decidedBy, Request.Decision::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(pat.getUsername(), Role.SUPERVISOR),
                        org.assertj.core.groups.Tuple.tuple(carl.getUsername(), Role.TECHNOLOGY),
                        org.assertj.core.groups.Tuple.tuple(sue.getUsername(), Role.DISTRICT_ADMIN));
        assertThat(jdbc.sql("select subject from mail_message where district_id = ? and recipient = 'ana@example.org' "
                + "order by id").param(district.id()).query(String.class).list()).containsExactly(
                "Received: A fee-based subscription: Science video library",
                "Next step: A fee-based subscription: Science video library",
                "Next step: A fee-based subscription: Science video library",
                "Approved: A fee-based subscription: Science video library");
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndADenialSaysWhy() {
        Request mine = approvals.submit(district.id(), carl, Kind.SOFTWARE_INSTALL,
                Map.of("software", "Packet tracer", "device", "L-1", "why", "Network class"));
        assertThatThrownBy(() -> approvals.decide(district.id(), mine.id(), carl, true, "", ""))
                .hasMessage("Nobody approves their own request.");
        assertThat(approvals.inbox(district.id(), carl)).isEmpty();

        Request email = approvals.submit(district.id(), ana, Kind.MASS_EMAIL,
                Map.of("audience", "All staff", "subject", "Union meeting", "summary", "Invitation"));
        assertThatThrownBy(() -> approvals.decide(district.id(), email.id(), sue, false, "", " "))
                .hasMessageContaining("Say why");
        Request denied = approvals.decide(district.id(), email.id(), sue, false, "",
                "District e-mail is not for union business; use the union's own list.");
        assertThat(denied.status()).isEqualTo(Request.Status.DENIED);
        assertThat(denied.decisions().get(0).reason()).startsWith("District e-mail is not for union business");
        assertThat(approvals.inForce(district.id(), ana.staffId(), Kind.MASS_EMAIL)).isEmpty();
        assertThatThrownBy(() -> approvals.submit(district.id(), ana, Kind.MASS_EMAIL, Map.of("audience", "All staff")))
                .hasMessage("Not sent: fill in subject, what it says.");
    }

    @Test
    void approvalsExpireAsTheirKindSays() {
        Request email = approvals.submit(district.id(), ana, Kind.MASS_EMAIL,
                Map.of("audience", "All families", "subject", "Snow day", "summary", "School is closed"));
        approvals.decide(district.id(), email.id(), sue, true, "", "");
        Request inForce = approvals.inForce(district.id(), ana.staffId(), Kind.MASS_EMAIL).orElseThrow();
        assertThat(approvals.use(district.id(), inForce.id(), java.time.Instant.now())).isTrue();
        assertThat(approvals.use(district.id(), inForce.id(), java.time.Instant.now())).isFalse(); // it covered one message
        assertThat(approvals.inForce(district.id(), ana.staffId(), Kind.MASS_EMAIL)).isEmpty();

        assertThatThrownBy(() -> approvals.submit(district.id(), ana, Kind.EQUIPMENT_OFF_SITE,
                Map.of("equipment", "L-1", "until", "next week", "why", "Grading")))
                .hasMessageContaining("'until' is a date like");
        Request offSite = approvals.submit(district.id(), ana, Kind.EQUIPMENT_OFF_SITE,
                Map.of("equipment", "L-1", "until", LocalDate.now().plusDays(3).toString(), "why", "Grading"));
        Request approved = approvals.decide(district.id(), offSite.id(), pat, true, "", "");
        assertThat(approved.expiresOn()).isEqualTo(LocalDate.now().plusDays(3));
        assertThat(approved.inForce(LocalDate.now())).isTrue();
        assertThat(approved.inForce(LocalDate.now().plusDays(4))).isFalse();
    }

    @Test
    void aNewAppWaitsForItsPrivacyReviewBeforeTechnologyApprovesIt() {
        Request request = approvals.submit(district.id(), ana, Kind.NEW_APP, Map.of("app", "Reading Log",
                "vendor", "Bookworm", "url", "https://readinglog.example.com", "purpose", "Reading journals",
                "students", "3-5", "studentData", "Names, reading levels"));
        App app = apps.find(district.id(), request.appId()).orElseThrow();
        assertThat(app.status()).isEqualTo(App.Status.UNDER_REVIEW);
        approvals.decide(district.id(), request.id(), pat, true, "", "");
        assertThatThrownBy(() -> approvals.decide(district.id(), request.id(), carl, true, "", ""))
                .hasMessageContaining("complete its privacy review and approve it there first");

        Map<PrivacyTerm, PrivacyReview.Answer> yes = new EnumMap<>(PrivacyTerm.class);
        for (PrivacyTerm term : PrivacyTerm.values()) {
            yes.put(term, PrivacyReview.Answer.YES);
        }
        apps.review(district.id(), app.id(), yes, carl.getUsername());
        apps.decide(district.id(), app.id(), App.Status.APPROVED_WITH_CONDITIONS, "First names only", "carl");
        Request approved = approvals.decide(district.id(), request.id(), carl, true, "", "");
        assertThat(approved.status()).isEqualTo(Request.Status.APPROVED);
        assertThat(approved.conditions()).isEqualTo("First names only");
        assertThat(apps.approved(district.id(), "reading")).extracting(App::name).containsExactly("Reading Log");
        assertThatThrownBy(() -> approvals.submit(district.id(), ana, Kind.NEW_APP, Map.of("app", "reading log",
                "purpose", "again"))).hasMessageContaining("already on the District Approved App List");
        assertThatThrownBy(() -> approvals.submit(district.id(), ana, Kind.NEW_APP, Map.of("app", "Other app",
                "purpose", "x", "url", "javascript:alert(1)"))).isInstanceOf(Approvals.Refused.class)
                .hasMessage("Not sent: The address must start with https:// or http://.");
    }

    @Test
    void everyKindGoesToItsOwnFirstApproverWithTheClauseThatRequiresIt() {
        for (Kind kind : Kind.values()) {
            Map<String, String> fields = new java.util.HashMap<>();
            kind.fields().forEach(f -> fields.put(f.name(), switch (f.name()) {
                case "until" -> LocalDate.now().plusDays(5).toString();
                case "url" -> "https://example.org/" + kind;
                default -> "x " + kind;
            }));
            Request request = approvals.submit(district.id(), ana, kind, fields);
            assertThat(request.route()).as(kind.name()).isEqualTo(kind.defaultRoute());
            assertThat(request.clause()).isEqualTo(kind.clause());
            StewardUser first = switch (kind.defaultRoute().get(0)) {
                case SUPERVISOR -> pat;
                case TECHNOLOGY -> carl;
                default -> sue;
            };
            assertThat(approvals.inbox(district.id(), first)).extracting(Request::id).as(kind.name())
                    .contains(request.id());
            for (StewardUser other : List.of(pat, carl, sue)) {
                if (other != first) {
                    assertThat(approvals.inbox(district.id(), other)).extracting(Request::id).as(kind.name())
                            .doesNotContain(request.id());
                }
            }
        }
    }

    @Test
    void aDistrictSetsItsOwnRoute() {
        routes.saveRoute(district.id(), Kind.PURCHASE, List.of(Role.DISTRICT_ADMIN));
        Request request = approvals.submit(district.id(), ana, Kind.PURCHASE,
                Map.of("item", "Document camera", "cost", "120", "why", "Math lessons"));
        assertThat(request.route()).containsExactly(Role.DISTRICT_ADMIN);
        assertThatThrownBy(() -> routes.saveRoute(district.id(), Kind.PURCHASE, List.of()))
                .hasMessageContaining("at least one approver");
        routes.saveClause(district.id(), Kind.MASS_EMAIL, "C.12"); // as Clovis writes it
        assertThat(approvals.submit(district.id(), ana, Kind.MASS_EMAIL, Map.of("audience", "All staff", "subject",
                "s", "summary", "x")).clause()).isEqualTo("C.12");
        assertThat(routes.routes(district.id()).get(Kind.MASS_EMAIL)).isEqualTo(Kind.MASS_EMAIL.defaultRoute());
        assertThatThrownBy(() -> routes.saveClause(district.id(), Kind.MASS_EMAIL, "<script>"))
                .hasMessageContaining("by its number");
    }

    @Test
    void aRequestIsSeenByItsRequesterAndApproversOnlyAndOnlyAdministratorsSetRoutes() throws Exception {
        Request request = approvals.submit(district.id(), ana, Kind.PURCHASE,
                Map.of("item", "Headphones", "cost", "30", "why", "Listening center"));
        var colleague = fixtures.user(district, Role.EMPLOYEE);
        var hr = fixtures.user(district, Role.HR);
        var otherAdmin = fixtures.user(fixtures.district("Elsewhere"), Role.DISTRICT_ADMIN);
        String page = "/approvals/" + request.id();
        mvc.perform(get(page).with(user(ana))).andExpect(status().isOk());
        mvc.perform(get(page).with(user(pat))).andExpect(status().isOk());
        mvc.perform(get(page).with(user(carl))).andExpect(status().isOk());
        mvc.perform(get(page).with(user(sue))).andExpect(status().isOk());
        mvc.perform(get(page).with(user(colleague))).andExpect(status().isNotFound());
        mvc.perform(get(page).with(user(otherAdmin))).andExpect(status().isNotFound());
        mvc.perform(post(page + "/decision").with(user(colleague)).with(csrf()).param("approve", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(approvals.find(district.id(), request.id()).orElseThrow().decisions()).isEmpty();
        mvc.perform(get("/approvals/routes").with(user(hr))).andExpect(status().isForbidden());
        mvc.perform(post("/approvals/routes").with(user(carl)).with(csrf()).param("kind", "PURCHASE")
                .param("step", "TECHNOLOGY")).andExpect(status().isForbidden());
    }

    @Test
    void aRequestCitesTheClauseOfThePolicyInForceAndKeepsCitingItsWordsAfterANewVersion() {
        org.steward.policies.Policy policy = fixtures.modelPolicy(district);
        Request before = approvals.submit(district.id(), ana, Kind.SUBSCRIPTION,
                Map.of("service", "Video library", "cost", "240", "why", "Science"));
        long version1 = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        assertThat(before.citation()).isEqualTo(new org.steward.policies.ClauseReference(version1, "C.14"));
        String words = policies.cited(district.id(), before.citation()).orElseThrow().clause().text();
        assertThat(words).startsWith("Subscribing to fee-based services");

        policies.startDraft(district.id(), policy.id());
        policies.editClause(district.id(), policy.id(), 2, "C.14", null, "Buying anything in the District's name.");
        long version2 = policies.publish(district.id(), policy.id(), 2, "purchases").id();
        assertThat(policies.cited(district.id(), before.citation()).orElseThrow().clause().text()).isEqualTo(words);
        Request after = approvals.submit(district.id(), ana, Kind.SUBSCRIPTION,
                Map.of("service", "Maps", "cost", "90", "why", "Geography"));
        assertThat(after.citation().policyVersionId()).isEqualTo(version2);
        assertThatThrownBy(() -> jdbc.sql("update approval_request set clause_version_id = ? where id = ?")
                .params(version2, before.id()).update()).hasMessageContaining("cannot be rewritten");

        assertThatThrownBy(() -> routes.saveClause(district.id(), Kind.MASS_EMAIL, "Z.99"))
                .hasMessageContaining("has no clause Z.99");
        var other = fixtures.district("Other policy");
        assertThat(policies.cited(other.id(), before.citation())).as("another district's citation").isEmpty();
    }

    @Test
    void twoApproversClickingAtOnceRecordOneDecisionAndTheRouteGoesOn() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            Request request = approvals.submit(district.id(), ana, Kind.SUBSCRIPTION,
                    Map.of("service", "Video library " + attempt, "cost", "240", "why", "Science"));
            List<Object> outcomes = AtOnce.both(() -> approvals.decide(district.id(), request.id(), pat, true, "", ""),
                    () -> approvals.decide(district.id(), request.id(), pat, true, "", ""));
            assertThat(outcomes).filteredOn(Request.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Approvals.Refused.class::isInstance).hasSize(1);
            Request now = approvals.find(district.id(), request.id()).orElseThrow();
            assertThat(now.decisions()).extracting(Request.Decision::role).containsExactly(Role.SUPERVISOR);
            assertThat(now.waitingFor()).as("technology services' review is not skipped").isEqualTo(Role.TECHNOLOGY);
        }
    }

    @Test
    void aSecondClickWhileTheFirstIsBeingSavedIsToldAndChangesNothing() throws Exception {
        Request request = approvals.submit(district.id(), ana, Kind.PURCHASE,
                Map.of("item", "Document camera", "cost", "120", "why", "Math lessons"));
        approvals.decide(district.id(), request.id(), pat, true, "", "");
        java.util.concurrent.CountDownLatch firstDecided = new java.util.concurrent.CountDownLatch(1);
        List<Object> outcomes = AtOnce.both(() -> transaction.execute(status -> {
            Request approved = approvals.decide(district.id(), request.id(), carl, true, "", "");
            firstDecided.countDown();
            sleep(400); // the second click reads the request as it was, then waits for this one to commit
            return approved;
        }), () -> {
            firstDecided.await();
            return approvals.decide(district.id(), request.id(), carl, false, "", "Too expensive this year");
        });
        assertThat(outcomes.get(0)).isInstanceOf(Request.class);
        assertThat(outcomes.get(1)).isInstanceOf(Approvals.Refused.class).extracting(o -> ((Exception) o).getMessage())
                .asString().startsWith("Someone else decided this step a moment ago");
        Request now = approvals.find(district.id(), request.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(Request.Status.APPROVED);
        assertThat(now.decisions()).extracting(Request.Decision::outcome).containsExactly("APPROVED", "APPROVED");
        assertThat(jdbc.sql("select count(*) from approval_decision where request_id = ?").param(request.id())
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void theDatabaseRefusesToRewriteADecidedRequest() {
        Request request = approvals.submit(district.id(), ana, Kind.MASS_EMAIL,
                Map.of("audience", "All staff", "subject", "Snow day", "summary", "Closed"));
        approvals.decide(district.id(), request.id(), sue, false, "", "Use the district's alert system.");
        assertThatThrownBy(() -> jdbc.sql("update approval_request set status = 'APPROVED' where id = ?")
                .param(request.id()).update()).hasMessageContaining("was already denied and cannot change");
        assertThatThrownBy(() -> jdbc.sql("insert into approval_decision (request_id, step, role, outcome, decided_by, "
                + "decided_at) values (?, 0, 'DISTRICT_ADMIN', 'APPROVED', 'x', now())").param(request.id()).update())
                .hasMessageContaining("approval_decision_pkey");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theInboxAndYourRequestsPageSortAndFilterEachOnItsOwnAndASupervisorSeesOnlyTheirStaffs() throws Exception {
        fixtures.roster(district, ROSTER + "P2,Quinn,Other,quinn@example.org,RHS,Principal,,2015-08-01,active\n"
                + "T3,Tom,Third,tom@example.org,RHS,Teacher,P2,2019-08-01,active\n");
        StewardUser quinn = account("P2", Role.SUPERVISOR);
        StewardUser tom = account("T3", Role.EMPLOYEE);
        for (int i = 1; i <= 25; i++) {
            approvals.submit(district.id(), ana, Kind.SUBSCRIPTION, Map.of("service", "Service %02d".formatted(i),
                    "cost", "10", "why", "Class " + i));
        }
        approvals.submit(district.id(), tom, Kind.SUBSCRIPTION, Map.of("service", "Tom's atlas", "cost", "5",
                "why", "Geography"));

        // the inbox, ten a page, oldest first: every request once, the other lists' place kept in its links
        List<String> seen = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String html = page(pat, "/approvals?inbox.size=10&inbox.page=" + n);
            seen.addAll(titles(html));
            if (n == 1) {
                assertThat(html).contains("Page 1 of 3: requests 1 to 10 of 25.")
                        .contains("href=\"/approvals?mine.sort=asked&amp;mine.dir=desc&amp;inbox.sort=asked"
                                + "&amp;inbox.dir=asc&amp;inbox.page=2&amp;inbox.size=10\"");
            }
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().doesNotContain("Tom's atlas");
        assertThat(seen.get(0)).isEqualTo("Service 01");
        assertThat(titles(page(pat, "/approvals?inbox.sort=request&inbox.dir=desc")).get(0)).isEqualTo("Service 25");
        // a text in the title or the requester's name, and a kind
        assertThat(titles(page(pat, "/approvals?q=service 1"))).hasSize(10).allMatch(t -> t.startsWith("Service 1"));
        assertThat(page(pat, "/approvals?q=alvarez")).contains("requests 1 to 25 of 25.");
        assertThat(page(pat, "/approvals?kind=MASS_EMAIL")).contains("No requests.");
        mvc.perform(get("/approvals").param("inbox.sort", "cost").with(user(pat)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "The approvals inbox is sorted by asked, request, requester; not by 'cost'")));
        mvc.perform(get("/approvals").param("kind", "NOTHING").with(user(pat))).andExpect(status().isBadRequest());

        // a supervisor's inbox holds their own staff's requests; technology's, another district's hold none of them
        assertThat(titles(page(quinn, "/approvals"))).containsExactly("Tom's atlas");
        assertThat(page(carl, "/approvals")).doesNotContain("Waiting for your decision");
        StewardUser elsewhere = fixtures.user(fixtures.district("Elsewhere inbox"), Role.SUPERVISOR,
                Role.DISTRICT_ADMIN, Role.TECHNOLOGY);
        assertThat(page(elsewhere, "/approvals")).doesNotContain("Service").doesNotContain("Waiting for your decision");
        assertThat(approvals.inbox(district.id(), pat)).hasSize(25);

        // the requester's own list, newest first, of one status when asked
        List<Long> ids = approvals.inbox(district.id(), pat).stream().map(Request::id).toList();
        approvals.decide(district.id(), ids.get(0), pat, false, "", "Not this year");
        approvals.decide(district.id(), ids.get(1), pat, false, "", "Not this year");
        List<String> mine = new java.util.ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            mine.addAll(titles(page(ana, "/approvals?mine.size=10&mine.page=" + n)));
        }
        assertThat(mine).hasSize(25).doesNotHaveDuplicates().first().isEqualTo("Service 25");
        assertThat(titles(page(ana, "/approvals?status=DENIED"))).containsExactly("Service 02", "Service 01");
        assertThat(page(ana, "/approvals?status=DENIED&mine.sort=request")).contains("aria-sort=\"ascending\"");
        mvc.perform(get("/approvals").param("mine.sort", "title").with(user(ana)))
                .andExpect(status().isBadRequest());
        assertThat(page(pat, "/approvals")).contains("requests 1 to 23 of 23.");

        // a page runs as many statements for ten rows as for twenty-three: none a row
        List<String> ten = org.steward.QueryCounts.during(() -> page(pat, "/approvals?inbox.size=10"));
        List<String> all = org.steward.QueryCounts.during(() -> page(pat, "/approvals?inbox.size=50"));
        assertThat(ten).isNotEmpty();
        assertThat(all).as("the statements of a page of 23 rows against those of 10: %s", ten).hasSameSizeAs(ten);
    }

    String page(StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The titles of the requests a page lists, without their kind. */
    static List<String> titles(String html) {
        List<String> found = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">A fee-based subscription: ([^<]+)</a>")
                .matcher(html.replace("&#39;", "'"));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    StewardUser account(String employeeId, Role role) {
        return fixtures.account(district, employeeId, role);
    }
}
