package org.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;

/**
 * Every endpoint the application maps, found from its own mappings (so a new one is probed without being listed),
 * sent what an attacker or a broken client sends: NUL bytes in every common parameter and in the path, broken
 * multipart, a tampered CSRF token, a wrong content type, and the ids of another district's records. No answer may be
 * a server error, and nothing of the other district may be read or changed.
 */
@StewardTest
class EndpointProbeTest {

    static final String MARK = "Zebulonxy";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    record Endpoint(HttpMethod method, String pattern) {
    }

    @Test
    void noEndpointAnswersAServerErrorOrGivesAwayAnotherDistrict() throws Exception {
        District a = fixtures.district("Probe A");
        District b = fixtures.district("Probe B");
        fixtures.roster(b, """
                employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
                Z1,%s,%s,zeb@b.example,RHS,Teacher,,2015-08-01,active""".formatted(MARK, MARK));
        fixtures.modelPolicy(b);
        StewardUser someoneOfA = fixtures.user(a, Role.EMPLOYEE, Role.SUPERVISOR, Role.HR, Role.TECHNOLOGY,
                Role.RECORDS, Role.INVESTIGATOR, Role.DISTRICT_ADMIN);
        List<Long> idsOfB = jdbc.sql("""
                select id from staff where district_id = :b union select id from policy where district_id = :b
                union select id from site where district_id = :b""").param("b", b.id()).query(Long.class).list();
        Map<String, String> before = snapshot(b.id());

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints()) {
            for (String variable : List.of("\u0000", String.valueOf(idsOfB.get(0)), String.valueOf(idsOfB.get(1)),
                    "x")) {
                String path = fill(endpoint.pattern(), variable);
                for (Map.Entry<String, MockHttpServletRequestBuilder> probe : probes(endpoint.method(), path,
                        someoneOfA, idsOfB).entrySet()) {
                    sent++;
                    String what = endpoint.method() + " " + path.replace("\u0000", "%00") + " " + probe.getKey();
                    try {
                        MvcResult result = mvc.perform(probe.getValue()).andReturn();
                        int status = result.getResponse().getStatus();
                        String body = result.getResponse().getContentAsString();
                        if (status >= 500) {
                            failures.add(what + ": " + status);
                        } else if (body.contains(MARK) || body.contains("zeb@b.example")) {
                            failures.add(what + ": shows district B's record");
                        }
                    } catch (Exception e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        failures.add(what + ": 500, " + cause.getClass().getSimpleName() + ": "
                                + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
                    }
                }
            }
        }

        assertThat(sent).as("probes sent").isGreaterThan(500);
        assertThat(failures).as("answers that were server errors or gave district B away").isEmpty();
        assertThat(snapshot(b.id())).as("district B's records, unchanged").isEqualTo(before);
    }

    @Test
    void eachRefusalSaysWhatIsWrongAndChangesNothing() throws Exception {
        District a = fixtures.district("Probe C");
        StewardUser hr = fixtures.user(a, Role.HR, Role.DISTRICT_ADMIN);
        String nul = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/staff")
                        .param("q", "a\u0000b").with(user(hr)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(nul).contains("the parameter &#39;q&#39; holds a NUL or another control character")
                .contains("Nothing was changed");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/staff/import")
                        .with(user(hr)).with(csrf()).contentType("multipart/form-data; boundary=x")
                        .content("--x\r\nbroken"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("Required part 'files' is not present")));
        // a binary file where a policy's text is asked for
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[10] = 0;
        int status = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/policies/import").file(new org.springframework.mock.web.MockMultipartFile("file",
                                "policy.txt", "text/plain", binary)).param("title", "Binary").with(user(hr))
                        .with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(status).as("a binary policy file").isBetween(200, 499);
        assertThat(jdbc.sql("select count(*) from policy where district_id = ? and title = 'Binary'")
                .param(a.id()).query(Long.class).single()).as("no policy made of it").isZero();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/staff/import")
                        .with(user(hr)).param("_csrf", "tampered"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(java.net.URI.create("/api/policies/%00"))
                        .with(user(hr)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType(
                        "application/problem+json;charset=UTF-8"));
    }

    /** The mapped endpoints, with their methods (GET where a mapping names none). */
    Set<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new java.util.TreeSet<>(java.util.Comparator.comparing(Endpoint::pattern)
                .thenComparing(e -> e.method().name()));
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/error")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint(HttpMethod.GET, pattern));
                } else {
                    methods.forEach(m -> endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern)));
                }
            }
        }
        return endpoints;
    }

    static String fill(String pattern, String value) {
        Matcher variable = Pattern.compile("\\{[^}]+}").matcher(pattern);
        return variable.replaceAll(Matcher.quoteReplacement(value));
    }

    /** The requests sent to one endpoint. */
    Map<String, MockHttpServletRequestBuilder> probes(HttpMethod method, String path, StewardUser who,
                                                       List<Long> idsOfB) {
        Map<String, MockHttpServletRequestBuilder> probes = new LinkedHashMap<>();
        String other = String.valueOf(idsOfB.get(0));
        probes.put("with NUL in its parameters", params(request(method, uri(path)), "a\u0000b").with(user(who))
                .with(csrf()));
        probes.put("with district B's ids", params(request(method, uri(path)), other).with(user(who)).with(csrf()));
        if (method != HttpMethod.GET) {
            probes.put("with broken multipart", request(method, uri(path)).with(user(who)).with(csrf())
                    .contentType("multipart/form-data; boundary=probe").content("--probe\r\nnot a part"));
            probes.put("with a tampered CSRF token", request(method, uri(path)).with(user(who))
                    .header("X-CSRF-TOKEN", "tampered").param("_csrf", "tampered"));
            probes.put("with a JSON body as a form", request(method, uri(path)).with(user(who)).with(csrf())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("{\"kind\":\"web\"}"));
            probes.put("with bytes of no type", request(method, uri(path)).with(user(who)).with(csrf())
                    .contentType("application/x-nonsense").content(new byte[] {0, (byte) 0xff, 0x10}));
        }
        return probes;
    }

    static java.net.URI uri(String path) {
        return java.net.URI.create(path.replace("\u0000", "%00").replace(" ", "%20"));
    }

    static MockHttpServletRequestBuilder params(MockHttpServletRequestBuilder request, String value) {
        for (String name : List.of("q", "name", "reason", "id", "site", "siteId", "person", "staffId", "from", "to",
                "folder", "condition", "status", "kind", "format", "port", "text", "title", "type", "device",
                "deviceId", "assetTag", "employeeId", "on", "until", "policy", "version", "clause", "view", "back",
                "finding", "campaign", "app", "route", "role", "district")) {
            request.param(name, value);
        }
        return request;
    }

    /** A fingerprint of every row of district B's tables, to tell that nothing of B changed. */
    Map<String, String> snapshot(long districtId) {
        Map<String, String> rows = new java.util.TreeMap<>();
        for (String table : jdbc.sql("""
                select table_name from information_schema.columns where table_schema = 'public'
                   and column_name = 'district_id' order by 1""").query(String.class).list()) {
            rows.put(table, jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by "
                    + "t::text)), '') from " + table + " t where district_id = ?").param(districtId)
                    .query(String.class).single());
        }
        return rows;
    }
}
