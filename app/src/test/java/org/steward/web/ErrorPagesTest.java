package org.steward.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.staff.StaffDirectory;

/**
 * A refusal or a missing record reached from a page is a page saying what is wrong and where to go, with the right
 * status; an API client (JSON, or an /api/ address) gets a problem document. MockMvc does not make the server's error
 * dispatch, so {@link #pageShown} makes it as the server would: to /error, with the refused request's attributes.
 */
@StewardTest
class ErrorPagesTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired StaffDirectory staff;

    District district;
    StewardUser supervisor;
    StewardUser employee;
    long clerk;

    @BeforeEach
    void aSchool() {
        district = fixtures.district("Gamma Unified");
        fixtures.roster(district, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                G1,Gail,Boss,gail@gamma.org,RHS,Principal,,2010-08-01,active
                G2,Gus,Teacher,gus@gamma.org,RHS,Teacher,G1,2015-08-01,active
                G3,Cy,Clerk,cy@gamma.org,LES,Clerk,,2016-08-01,active""");
        supervisor = fixtures.account(district, "G1", Role.SUPERVISOR);
        employee = fixtures.account(district, "G2", Role.EMPLOYEE);
        clerk = staff.search(district.id(), "G3", null, "", 1).get(0).id();
    }

    @Test
    void aSupervisorOpeningSomeoneElsesProfileIsToldTheyAreNotOnTheirStaffOnAPage() throws Exception {
        MvcResult refused = mvc.perform(get("/staff/" + clerk).header("Accept", BROWSER).with(user(supervisor)))
                .andExpect(status().isNotFound()).andReturn();

        String page = pageShown(refused, supervisor);
        assertThat(page).contains("<h1>Not found</h1>").contains("This person is not on your staff")
                .doesNotContain("no such employee in your district").doesNotContain("\"detail\"")
                .contains("href=\"/staff\"").contains("The staff directory").contains("Sign out");
        // an id of another district, or of nobody, is told alike: the id says nothing
        MvcResult nobody = mvc.perform(get("/staff/999999999").header("Accept", BROWSER).with(user(supervisor)))
                .andExpect(status().isNotFound()).andReturn();
        assertThat(pageShown(nobody, supervisor)).contains("This person is not on your staff");
    }

    @Test
    void anApiClientKeepsTheProblemDocument() throws Exception {
        mvc.perform(get("/staff/" + clerk).accept(MediaType.APPLICATION_JSON).with(user(supervisor)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "This person is not on your staff")));
        // a script that names no type is an API client too
        mvc.perform(get("/staff/" + clerk).with(user(supervisor)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        // an /api/ address answers a problem document even to a browser
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        mvc.perform(get("/api/policies/999999999").header("Accept", BROWSER).with(user(admin)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("There is no such policy or version in your district."));
    }

    @Test
    void anEmployeeOpeningAFindingOrAReceiptNotTheirsIsSentToTheirOwnPages() throws Exception {
        MvcResult finding = mvc.perform(get("/activity/findings/999999999").header("Accept", BROWSER)
                .with(user(employee))).andExpect(status().isNotFound()).andReturn();
        assertThat(pageShown(finding, employee)).contains("There is no such finding for you to see")
                .contains("href=\"/activity/mine\"").contains("Your internet use and findings")
                .contains("href=\"/\"");

        MvcResult receipt = mvc.perform(get("/acknowledgments/receipts/999999999").header("Accept", BROWSER)
                .with(user(employee))).andExpect(status().isNotFound()).andReturn();
        assertThat(pageShown(receipt, employee)).contains("There is no such receipt for you")
                .contains("href=\"/acknowledgments\"");

        mvc.perform(get("/activity/findings/999999999").accept(MediaType.APPLICATION_JSON).with(user(employee)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(
                        "There is no such finding for you to see")));
    }

    @Test
    void anAddressThatIsNotANumberOrAMissingParameterIsAPageForABrowserAndAnHtmxRequest() throws Exception {
        StewardUser hr = fixtures.user(district, Role.HR);
        MvcResult notANumber = mvc.perform(get("/staff/abc").header("Accept", BROWSER).with(user(hr)))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(pageShown(notANumber, hr)).contains("That could not be done").contains("&#39;abc&#39; (id) is not a number.");

        StewardUser technology = fixtures.user(district, Role.TECHNOLOGY);
        MvcResult fromHtmx = mvc.perform(get("/activity/sites").header("HX-Request", "true").with(user(technology)))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(pageShown(fromHtmx, technology)).contains("site");
        mvc.perform(get("/activity/sites").accept(MediaType.APPLICATION_JSON).with(user(technology)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aRoleThatMayNotOpenAPageGetsAPageSayingSo() throws Exception {
        MockHttpServletRequestBuilder error = get("/error").header("Accept", BROWSER).with(user(employee))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 403)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/devices");
        String page = mvc.perform(error).andExpect(status().isForbidden()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("<h1>Not allowed</h1>").contains("Your role does not allow this")
                .contains("href=\"/my-devices\"");
    }

    /** The page the server shows for a refused request: its error dispatch, with the request's attributes. */
    private String pageShown(MvcResult refused, StewardUser who) throws Exception {
        assertThat(refused.getResponse().getContentAsString()).as("no problem document for a page").isEmpty();
        MockHttpServletRequestBuilder error = get("/error").header("Accept", BROWSER).with(user(who))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, refused.getResponse().getStatus())
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, refused.getRequest().getRequestURI());
        refused.getRequest().getAttributeNames().asIterator().forEachRemaining(name -> {
            if (name.equals(ErrorPages.MESSAGE)) {
                error.requestAttr(name, refused.getRequest().getAttribute(name));
            }
        });
        MvcResult shown = mvc.perform(error).andReturn();
        assertThat(shown.getResponse().getStatus()).isEqualTo(refused.getResponse().getStatus());
        assertThat(shown.getResponse().getContentType()).startsWith("text/html");
        return shown.getResponse().getContentAsString();
    }
}
