package org.steward.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.devices.Inventory;
import org.steward.districts.District;

/**
 * The person picker's suggestions, tried as an attacker would: another district's people are never suggested
 * (whatever is typed: their name, employee id, e-mail), a supervisor is offered their own staff only, and a role
 * that chooses nobody gets no suggestions. Where a person is chosen (a hand-over, the internet use report), an
 * employee id or a name works, and a chosen id of another district is refused.
 */
@StewardTest
class PersonPickerTest {

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired StaffDirectory staff;
    @Autowired PersonSearch search;
    @Autowired Inventory inventory;
    @Autowired JdbcClient jdbc;

    District a;
    District b;
    StewardUser technologyOfA;
    long lopezOfB;

    @BeforeEach
    void twoDistricts() {
        a = fixtures.district("Alpha Picker");
        b = fixtures.district("Beta Picker");
        fixtures.roster(a, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                E1001,Pat,Principal,pat@alpha.org,RHS,Principal,,2010-08-01,active
                E1010,Ana,Lopez,ana.lopez@alpha.org,LES,Teacher,E1001,2015-08-01,active
                E1011,Luis,Lopez,luis.lopez@alpha.org,RHS,Teacher,,2016-08-01,active
                E1012,Lena,Lopezova,lena@alpha.org,RHS,Clerk,,2016-08-01,separated""");
        fixtures.roster(b, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                Z9,Zora,Lopez,zora@beta.org,RHS,Teacher,,2015-08-01,active""");
        technologyOfA = fixtures.user(a, Role.TECHNOLOGY);
        lopezOfB = staff.search(b.id(), "Z9", null, "", 1).get(0).id();
    }

    private String suggestions(StewardUser who, String typed) throws Exception {
        return mvc.perform(get("/staff/choices").param("person", typed).header("HX-Request", "true")
                        .with(user(who)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void suggestionsNameTheDistrictsPeopleByNameEmployeeIdOrEmailAndNeverAnotherDistricts() throws Exception {
        String lopez = suggestions(technologyOfA, "lopez");
        assertThat(lopez).contains("Ana Lopez").contains("E1010").contains("Luis Lopez").contains("Lena Lopezova")
                .contains("type=\"radio\"").contains("name=\"staffId\"").contains("people match")
                .doesNotContain("Zora").doesNotContain("Z9");
        assertThat(suggestions(technologyOfA, "E1010")).contains("Ana Lopez").doesNotContain("Luis");
        assertThat(suggestions(technologyOfA, "ana.lopez@alpha")).contains("Ana Lopez").doesNotContain("Luis");
        assertThat(suggestions(technologyOfA, "lopez, ana")).contains("Ana Lopez").doesNotContain("Luis");
        for (String typed : new String[] {"Zora", "Z9", "zora@beta.org", "beta.org", "%", "_"}) {
            assertThat(suggestions(technologyOfA, typed)).as(typed).doesNotContain("Lopez")
                    .doesNotContain("type=\"radio\"").contains("Nobody on the roster matches");
        }
        assertThat(suggestions(technologyOfA, "Zora")).contains("Nobody on the roster matches “Zora”.");
        // what is typed is shown as text, never as markup
        assertThat(suggestions(technologyOfA, "<script>alert(1)</script>")).doesNotContain("<script>")
                .contains("&lt;script&gt;");
    }

    @Test
    void aHandOverIsOfferedActiveStaffOnly() throws Exception {
        String active = mvc.perform(get("/staff/choices").param("person", "lopez").param("active", "true")
                .with(user(technologyOfA))).andReturn().getResponse().getContentAsString();
        assertThat(active).contains("Ana Lopez").contains("Luis Lopez").doesNotContain("Lopezova");
    }

    @Test
    void aSupervisorIsOfferedTheirOwnStaffOnlyAndAnEmployeeNobody() throws Exception {
        StewardUser pat = fixtures.account(a, "E1001", Role.SUPERVISOR);
        assertThat(suggestions(pat, "lopez")).contains("Ana Lopez").doesNotContain("Luis").doesNotContain("Lena");
        assertThat(search.chosen(pat, staff.search(a.id(), "E1011", null, "", 1).get(0).id(), false)).isEmpty();

        StewardUser employee = fixtures.account(a, "E1011", Role.EMPLOYEE);
        mvc.perform(get("/staff/choices").param("person", "lopez").with(user(employee)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/choices").param("person", "lopez")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void aTextNamesOnePersonOnlyWhenItIsTheirIdEmailOrFullName() {
        assertThat(search.find(technologyOfA, "e1010", false)).isInstanceOfSatisfying(PersonSearch.Found.Person.class,
                one -> assertThat(one.person().fullName()).isEqualTo("Ana Lopez"));
        assertThat(search.find(technologyOfA, "Ana Lopez", false)).isInstanceOf(PersonSearch.Found.Person.class);
        assertThat(search.find(technologyOfA, "ana.lopez", false)).isInstanceOf(PersonSearch.Found.Person.class);
        // a part of a name offers choices, even when only one person has it
        assertThat(search.find(technologyOfA, "Lopezo", false)).isInstanceOfSatisfying(
                PersonSearch.Found.Candidates.class, some -> assertThat(some.people()).hasSize(1));
        assertThat(search.find(technologyOfA, "Z9", false)).isInstanceOfSatisfying(
                PersonSearch.Found.Candidates.class, none -> assertThat(none.people()).isEmpty());
    }

    @Test
    void aHandOverTakesAnEmployeeIdAndRefusesAnotherDistrictsPerson() throws Exception {
        inventory.importFile(a.id(), "devices.csv", """
                asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
                L-900,SN900,laptop,Latitude 3440,ESSER,2024-07-01,849.00,LES,,yes,2026-07-30,yes,in_stock
                """.getBytes(StandardCharsets.UTF_8));

        mvc.perform(post("/devices/handovers").param("staffId", String.valueOf(lopezOfB)).param("person", "Zora")
                        .param("tags", "L-900").with(user(technologyOfA)).with(csrf()))
                .andExpect(redirectedUrlPattern("/devices/handovers/new?*"))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("Choose the employee")));
        mvc.perform(post("/devices/handovers").param("person", "Lopez").param("tags", "L-900")
                        .with(user(technologyOfA)).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("Choose the employee")));
        String offered = mvc.perform(get("/devices/handovers/new").param("person", "Lopez").param("tags", "L-900")
                .with(user(technologyOfA))).andReturn().getResponse().getContentAsString();
        assertThat(offered).contains("Ana Lopez").contains("Luis Lopez").doesNotContain("Zora")
                .contains("value=\"L-900\"");
        assertThat(handoversOf(a)).as("nothing prepared").isZero();

        mvc.perform(post("/devices/handovers").param("person", "E1010").param("tags", "L-900")
                        .with(user(technologyOfA)).with(csrf()))
                .andExpect(redirectedUrl("/devices"))
                .andExpect(flash().attribute("message", org.hamcrest.Matchers.containsString("Ana Lopez")));
        assertThat(handoversOf(a)).isEqualTo(1);
        assertThat(handoversOf(b)).isZero();
    }

    private long handoversOf(District district) {
        return jdbc.sql("select count(*) from device_handover where district_id = ?").param(district.id())
                .query(Long.class).single();
    }

    @Test
    void theInternetUseReportTakesAnEmployeeIdOrANameAndStillAsksForAReason() throws Exception {
        for (String typed : new String[] {"E1010", "staff:E1010", "Ana Lopez", "ana.lopez@alpha.org"}) {
            String asked = mvc.perform(get("/activity/people").param("person", typed).with(user(technologyOfA)))
                    .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
            assertThat(asked).as(typed).contains("Why do you need to see <span>Ana Lopez</span>")
                    .contains("name=\"reason\"");
        }
        String choose = mvc.perform(get("/activity/people").param("person", "Lopez").with(user(technologyOfA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(choose).contains("Whose internet use?").contains("Ana Lopez").contains("Luis Lopez")
                .doesNotContain("Zora").contains("as the logs name it");
        // another district's person chosen by id is not found; their employee id is only an account name here
        mvc.perform(get("/activity/people").param("staffId", String.valueOf(lopezOfB)).with(user(technologyOfA)))
                .andExpect(status().isNotFound());
        String z9 = mvc.perform(get("/activity/people").param("person", "Z9").with(user(technologyOfA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(z9).doesNotContain("Zora");
    }
}
