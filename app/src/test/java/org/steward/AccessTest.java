package org.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Each district sees and changes only its own records, whatever id is put in a page's or an API's address, and
 * each role reaches only the pages it needs.
 */
@StewardTest
class AccessTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PolicyLibrary policies;
    @Autowired StaffDirectory staff;

    District districtA;
    District districtB;
    StewardUser adminOfA;
    Policy policyOfB;
    StaffMember employeeOfB;

    @BeforeEach
    void twoDistricts() {
        districtA = fixtures.district("Alpha Unified");
        districtB = fixtures.district("Beta Unified");
        adminOfA = fixtures.user(districtA, Role.DISTRICT_ADMIN, Role.HR);
        fixtures.modelPolicy(districtA);
        policyOfB = fixtures.modelPolicy(districtB);
        policies.startDraft(districtB.id(), policyOfB.id());
        fixtures.roster(districtB, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                B1,Bea,Boss,bea@beta.org,RHS,Principal,,2010-08-01,active
                B2,Ben,Teacher,ben@beta.org,RHS,Teacher,B1,2015-08-01,active""");
        employeeOfB = staff.search(districtB.id(), "B2", null, "", 1).stream()
                .map(l -> staff.find(districtB.id(), l.id()).orElseThrow()).findFirst().orElseThrow();
    }

    @Test
    void aUserOfOneDistrictCannotReadAnotherDistrictsRecordsByTheirIds() throws Exception {
        long b = policyOfB.id();
        for (String url : List.of("/policies/" + b, "/policies/" + b + "/versions/1", "/policies/" + b + "/versions",
                "/policies/" + b + "/diff?from=1&to=2", "/policies/" + b + "/versions/2/clauses/C.1/edit",
                "/api/policies/" + b, "/api/policies/" + b + "/versions/1", "/api/policies/" + b + "/diff?from=1&to=2",
                "/staff/" + employeeOfB.id())) {
            mvc.perform(get(url).with(user(adminOfA))).andExpect(status().isNotFound());
        }
        String list = mvc.perform(get("/api/policies").with(user(adminOfA))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("\"id\":" + b + ",");
        String directory = mvc.perform(get("/staff").param("q", "Teacher").with(user(adminOfA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(directory).doesNotContain("Ben");
    }

    @Test
    void aUserOfOneDistrictCannotChangeAnotherDistrictsRecords() throws Exception {
        long b = policyOfB.id();
        List<MockHttpServletRequestBuilder> changes = List.of(
                post("/policies/" + b + "/versions/2/publish"),
                post("/api/policies/" + b + "/versions/2/publish"),
                post("/policies/" + b + "/drafts"),
                post("/policies/" + b + "/versions/2/clauses/C.1").param("text", "changed"),
                post("/staff/" + employeeOfB.id() + "/separate").param("on", "2026-11-20"));
        for (MockHttpServletRequestBuilder change : changes) {
            mvc.perform(change.with(user(adminOfA)).with(csrf())).andExpect(status().isNotFound());
        }
        assertThat(policies.version(districtB.id(), b, 2).orElseThrow().isPublished()).isFalse();
        assertThat(policies.version(districtB.id(), b, 2).orElseThrow().clauseList().stream()
                .filter(c -> c.key().equals("C.1")).findFirst().orElseThrow().text()).isNotEqualTo("changed");
        assertThat(staff.find(districtB.id(), employeeOfB.id()).orElseThrow().isActive()).isTrue();
    }

    @Test
    void aCountyAdministratorChoosesTheDistrictToActInAndThenSeesOnlyThatOne() throws Exception {
        StewardUser county = fixtures.user(districtA, Role.COUNTY_ADMIN, Role.DISTRICT_ADMIN);
        var session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(get("/policies/" + policyOfB.id() + "/versions/1").with(user(county)).session(session))
                .andExpect(status().isNotFound());
        mvc.perform(post("/districts/" + districtB.slug() + "/act").with(user(county)).with(csrf()).session(session))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/policies/" + policyOfB.id() + "/versions/1").session(session))
                .andExpect(status().isOk());
        mvc.perform(get("/staff/" + employeeOfB.id()).session(session)).andExpect(status().isOk());
        StewardUser adminOfB = fixtures.user(districtB, Role.DISTRICT_ADMIN);
        mvc.perform(post("/districts/" + districtA.slug() + "/act").with(user(adminOfB)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void eachRoleReachesOnlyItsPages() throws Exception {
        StewardUser employee = fixtures.user(districtA, Role.EMPLOYEE);
        StewardUser hr = fixtures.user(districtA, Role.HR);
        mvc.perform(get("/policies").with(user(employee))).andExpect(status().isOk());
        mvc.perform(get("/staff").with(user(employee))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/import").with(user(employee))).andExpect(status().isForbidden());
        mvc.perform(post("/policies/adopt-model").with(user(employee)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/audit").with(user(employee))).andExpect(status().isForbidden());
        mvc.perform(get("/audit").with(user(hr))).andExpect(status().isForbidden());
        mvc.perform(get("/districts").with(user(adminOfA))).andExpect(status().isForbidden());
        mvc.perform(get("/audit").with(user(adminOfA))).andExpect(status().isOk());
    }

    @Test
    void aSupervisorsDirectoryHoldsTheirOwnStaffOnly() throws Exception {
        fixtures.roster(districtB, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                B1,Bea,Boss,bea@beta.org,RHS,Principal,,2010-08-01,active
                B2,Ben,Teacher,ben@beta.org,RHS,Teacher,B1,2015-08-01,active
                B3,Cy,Clerk,cy@beta.org,RHS,Clerk,,2016-08-01,active""");
        StewardUser bea = fixtures.account(districtB, "B1", Role.SUPERVISOR);

        String directory = mvc.perform(get("/staff").with(user(bea))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String searched = mvc.perform(get("/staff").param("q", "Clerk").with(user(bea))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(directory).contains("Teacher, Ben").contains("1</span> <span>people you supervise")
                .doesNotContain("Clerk, Cy");
        assertThat(searched).doesNotContain("Clerk, Cy");
    }

    @Test
    void aSearchForPercentOrUnderscoreFindsThoseCharactersNotEveryone() throws Exception {
        fixtures.roster(districtA, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                A1,Ann,Under_score,ann@alpha.org,RHS,Teacher,,2015-08-01,active
                A2,Al,Plain,al@alpha.org,RHS,Teacher,,2015-08-01,active""");

        assertThat(staff.search(districtA.id(), "%", null, "", 10)).isEmpty();
        assertThat(staff.search(districtA.id(), "_", null, "", 10)).extracting(StaffDirectory.Listing::lastName)
                .containsExactly("Under_score");
    }

    @Test
    void anEmployeeReadsPublishedVersionsOnlyNotDrafts() throws Exception {
        StewardUser employeeOfB = fixtures.user(districtB, Role.EMPLOYEE);
        mvc.perform(get("/policies/" + policyOfB.id() + "/versions/1").with(user(employeeOfB)))
                .andExpect(status().isOk());
        mvc.perform(get("/policies/" + policyOfB.id() + "/versions/2").with(user(employeeOfB)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/policies/" + policyOfB.id() + "/versions/2").with(user(employeeOfB)))
                .andExpect(status().isNotFound());
    }

    @Test
    void strangersAreSentToSignInAndFormsNeedTheirCsrfToken() throws Exception {
        mvc.perform(get("/policies")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/policies")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/policies/adopt-model").with(user(adminOfA))).andExpect(status().isForbidden());
        assertThat(policies.all(districtA.id())).hasSize(1);
    }

    @Test
    void pagesForbidInlineScriptAndFraming() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("frame-ancestors 'none'"),
                                org.hamcrest.Matchers.containsString("script-src 'self'"),
                                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline")))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Permissions-Policy", org.hamcrest.Matchers.containsString("camera=()")))
                .andExpect(header().doesNotExist("Strict-Transport-Security"))
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("<script>"))));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security",
                        org.hamcrest.Matchers.containsString("max-age=31536000")));
    }
}
