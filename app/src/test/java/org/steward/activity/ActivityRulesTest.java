package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;
import static org.steward.activity.ActivityTest.line;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.engine.rules.Rule;

/**
 * A district's rules: a rule turned off or given a higher threshold finds less from then on, a condition that does
 * not compile is refused at its column, a backtest tells what a changed rule would find over past days and stores
 * nothing, the duty calendar (holidays, hours by job function) decides duty time, and only those who keep
 * monitoring see or change any of it.
 */
@StewardTest
class ActivityRulesTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            T2,Ben,Brown,ben@example.org,LES,Custodian,,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            A1,Sue,Super,sue@example.org,LES,Assistant superintendent,,2010-08-01,active
            """;
    /** Monday 16 November 2026: Ana plays at 10:00 (duty time), Ben at 18:00 (not); someone gambles at noon. */
    static final String LOG = String.join("\n", List.of(
            line("2026-11-16T10:00:00", 2_000, "10.0.0.5", "ana", "http://games.example/play"),
            line("2026-11-16T12:15:00", 1_000, "10.0.0.6", "ben", "http://casino.example/"),
            line("2026-11-16T18:00:00", 1_000, "10.0.0.6", "ben", "http://games.example/evening"))) + "\n";

    @Autowired DistrictRules rules;
    @Autowired Backtests backtests;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    District district;
    Sources.Source proxy;
    StewardUser carl;

    @BeforeEach
    void district() throws IOException {
        district = fixtures.district("Rules");
        fixtures.roster(district, ROSTER);
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        Files.createDirectories(lists.resolve("gambling"));
        Files.writeString(lists.resolve("gambling/domains"), "casino.example\n");
        categories.installFolder(district.id(), lists, "carl");
        proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        carl = account("C1", Role.TECHNOLOGY);
    }

    void ingest(String content, String name) {
        assertThat(ingestion.ingest(district.id(), proxy.id(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name, "carl").status())
                .isEqualTo(Ingestion.Status.DONE);
    }

    List<String> findingsAbout(String rule) {
        return jdbc.sql("select person from activity_finding where district_id = ? and rule = ? order by person")
                .params(district.id(), rule).query(String.class).list();
    }

    DistrictRules.Change standard(String rule, boolean enabled) {
        return rules.find(district.id(), rule).orElseThrow().change().withEnabled(enabled);
    }

    @Test
    void aRuleTurnedOffOrGivenAHigherThresholdFindsLessFromThenOn() {
        rules.change(district.id(), "gambling", standard("gambling", false), "carl");
        DistrictRules.Change games = standard("games-during-duty", true);
        rules.change(district.id(), "games-during-duty", new DistrictRules.Change(true, Rule.Severity.LOW,
                Rule.TimeFilter.DUTY, Rule.Measure.VISITS, 2, Rule.Window.DAY, games.condition()), "carl");
        ingest(LOG, "access.log");
        assertThat(findingsAbout("gambling")).isEmpty();
        assertThat(findingsAbout("games-during-duty")).as("one visit is not two").isEmpty();
        assertThat(rules.pack(district.id()).rules()).extracting(Rule::id).doesNotContain("gambling")
                .contains("games-during-duty");

        rules.reset(district.id(), "games-during-duty", "carl");
        ingest(line("2026-11-17T10:00:00", 2_000, "10.0.0.5", "ana", "http://games.example/play") + "\n",
                "access.log.1");
        assertThat(findingsAbout("games-during-duty")).containsExactly("ana");
        assertThat(jdbc.sql("select count(*) from audit_entry where district_id = ? and action = "
                        + "'ACTIVITY_RULE_CHANGED'").param(district.id()).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void windowsAreSummedOverUploadsAndForgottenFiveWeeksAfterTheNewestButTheirFindingsStay() {
        DistrictRules.Change games = standard("games-during-duty", true);
        rules.change(district.id(), "games-during-duty", new DistrictRules.Change(true, games.severity(),
                games.time(), games.measure(), 2, games.window(), ""), "carl");
        ingest(line("2026-09-01T10:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/a") + "\n"
                + line("2026-09-01T11:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/b") + "\n", "old.log");
        ingest(line("2026-11-16T09:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/c") + "\n", "one.log");
        assertThat(findingsAbout("games-during-duty")).as("September's; one visit on the 16th is not two")
                .containsExactly("ana");
        ingest(line("2026-11-16T11:00:00", 1_000, "10.0.0.5", "ana", "http://games.example/d") + "\n", "two.log");
        assertThat(findingsAbout("games-during-duty")).as("two files' visits on the 16th together")
                .containsExactly("ana", "ana");
        assertThat(jdbc.sql("select count(*) from activity_window where district_id = ? and window_start < "
                        + "'2026-10-01'").param(district.id()).query(Long.class).single()).isZero();
    }

    @Test
    void aConditionThatDoesNotCompileIsRefusedAtItsColumnAndChangesNothing() throws Exception {
        DistrictRules.Change games = standard("games-during-duty", true);
        assertThatThrownBy(() -> rules.change(district.id(), "games-during-duty", new DistrictRules.Change(true,
                games.severity(), games.time(), games.measure(), 1, games.window(), "bytes > 10 && hots == 'x'"),
                "carl"))
                .isInstanceOfSatisfying(DistrictRules.Invalid.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(1);
                            assertThat(p.column()).isEqualTo(15);
                            assertThat(p.message()).contains("hots");
                        }));
        assertThat(rules.find(district.id(), "games-during-duty").orElseThrow().changed()).isFalse();

        mvc.perform(post("/activity/rules/games-during-duty").with(user(carl)).with(csrf())
                        .param("enabled", "on").param("severity", "HIGH").param("time", "DUTY")
                        .param("measure", "VISITS").param("atLeast", "1").param("window", "DAY")
                        .param("condition", "bytes > 10 && hots == 'x'"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("column <span>15</span>"),
                        containsString("bytes &gt; 10 &amp;&amp; hots == &#39;x&#39;\n" + " ".repeat(14) + "^"))));
        assertThat(rules.find(district.id(), "games-during-duty").orElseThrow().changed()).isFalse();

        rules.change(district.id(), "games-during-duty", new DistrictRules.Change(true, games.severity(),
                games.time(), games.measure(), 1, games.window(), "host.endsWith('games.example')"), "carl");
        ingest(LOG, "access.log");
        assertThat(findingsAbout("games-during-duty")).containsExactly("ana");
    }

    @Test
    void aThresholdIsTypedInMbOrMinutesAndTheFieldsAreListedWithTheCondition() throws Exception {
        String page = mvc.perform(get("/activity/rules/streaming-and-large-downloads").with(user(carl))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"200\"").contains("MB transferred")
                .contains("Fields a condition can use").contains("<code>elapsed_ms</code>")
                .contains("milliseconds connected (1 minute is 60000)");

        mvc.perform(post("/activity/rules/streaming-and-large-downloads").with(user(carl)).with(csrf())
                        .param("enabled", "on").param("severity", "MEDIUM").param("time", "ALWAYS")
                        .param("measure", "BYTES").param("atLeast", "1,500.5").param("window", "DAY")
                        .param("condition", ""))
                .andExpect(status().is3xxRedirection());
        DistrictRules.DistrictRule changed = rules.find(district.id(), "streaming-and-large-downloads").orElseThrow();
        assertThat(changed.rule().threshold().atLeast()).isEqualTo(1_573_388_288L); // 1,500.5 x 1,048,576
        assertThat(changed.threshold()).isEqualTo("1500.5 MB in a day");
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'ACTIVITY_RULE_CHANGED'")
                .param(district.id()).query(String.class).list()).singleElement().asString()
                .contains("threshold 200 MB in a day -> 1500.5 MB in a day");

        mvc.perform(post("/activity/rules/streaming-and-large-downloads").with(user(carl)).with(csrf())
                        .param("enabled", "on").param("severity", "MEDIUM").param("time", "ALWAYS")
                        .param("measure", "SECONDS").param("atLeast", "1.5").param("window", "WEEK")
                        .param("condition", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.find(district.id(), "streaming-and-large-downloads").orElseThrow().rule().threshold().atLeast())
                .isEqualTo(90);
        assertThat(rules.find(district.id(), "streaming-and-large-downloads").orElseThrow().threshold())
                .isEqualTo("1.5 minutes in a week");

        for (String[] bad : new String[][] {{"BYTES", "fifty", "The threshold is a number of MB, as 50 or 0.5; 'fifty' is not."},
                {"VISITS", "2.5", "A threshold of visits is a whole number."},
                {"SECONDS", "0", "A threshold is more than 0 minutes."}}) {
            mvc.perform(post("/activity/rules/streaming-and-large-downloads").with(user(carl)).with(csrf())
                            .param("enabled", "on").param("severity", "MEDIUM").param("time", "ALWAYS")
                            .param("measure", bad[0]).param("atLeast", bad[1]).param("window", "DAY")
                            .param("condition", ""))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString(bad[2].replace("'", "&#39;")),
                            containsString("value=\"" + bad[1] + "\""))));
            assertThat(rules.find(district.id(), "streaming-and-large-downloads").orElseThrow().threshold())
                    .as("nothing changed").isEqualTo("1.5 minutes in a week");
        }
    }

    @Test
    void aBacktestTellsWhatAChangedRuleWouldFindWithoutStoringIt() throws Exception {
        ingest(LOG, "access.log");
        assertThat(findingsAbout("games-during-duty")).containsExactly("ana");
        long stored = jdbc.sql("select count(*) from activity_finding where district_id = ?").param(district.id())
                .query(Long.class).single();
        DistrictRules.DistrictRule games = rules.find(district.id(), "games-during-duty").orElseThrow();
        Rule always = DistrictRules.apply(games.standard(), new DistrictRules.Change(true, Rule.Severity.HIGH,
                Rule.TimeFilter.ALWAYS, Rule.Measure.VISITS, 1, Rule.Window.DAY, ""));

        Backtests.Outcome outcome = backtests.run(district.id(), always, LocalDate.of(2026, 11, 16),
                LocalDate.of(2026, 11, 16), LA, new Backtests.Asked("carl", "Trying the rule at any time", true));
        assertThat(outcome.findings()).isEqualTo(2);
        assertThat(outcome.findingsNow()).isEqualTo(1);
        assertThat(outcome.filesRead()).isEqualTo(1);
        assertThat(outcome.people()).extracting(Backtests.Person::name).containsExactly("Ana Alvarez", "Ben Brown");
        assertThat(backtests.run(district.id(), always, LocalDate.of(2026, 11, 17), LocalDate.of(2026, 11, 20), LA,
                new Backtests.Asked("carl", "", false)).findings()).as("other days").isZero();
        assertThat(jdbc.sql("select count(*) from activity_finding where district_id = ?").param(district.id())
                .query(Long.class).single()).as("nothing stored").isEqualTo(stored);
        assertThat(rules.find(district.id(), "games-during-duty").orElseThrow().changed()).isFalse();

        // through the pages: the backtest runs in the background and its fragment tells the outcome when done
        assertThat(backtestPage(carl, "")).contains("<strong>2</strong> findings").contains("<strong>2</strong> people")
                .doesNotContain("Ben Brown");
        assertThat(backtestPage(carl, "Is the rule fair at lunch?")).contains("<strong>2</strong> findings")
                .contains("Ben Brown");
        // a district administrator keeps the rules but sees nobody's name, reason or not
        StewardUser sue = account("A1", Role.DISTRICT_ADMIN);
        assertThat(backtestPage(sue, "Is the rule fair at lunch?")).contains("<strong>2</strong> findings")
                .doesNotContain("Ben Brown");
        // nor does anyone see another district's backtest, or one without the role
        String job = startBacktest(carl, "");
        District other = fixtures.district("Other");
        mvc.perform(get("/activity/backtests/" + job).with(user(fixtures.user(other, Role.TECHNOLOGY))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/activity/backtests/" + job).with(user(account("T1", Role.EMPLOYEE))))
                .andExpect(status().isForbidden());
        // each backtest is audited, the last one once it has run
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from audit_entry where "
                + "district_id = ? and action = 'ACTIVITY_RULE_BACKTESTED'").param(district.id()).query(Long.class)
                .single() == 6);
    }

    @Test
    void aBacktestAskingAboutANamedPersonNeedsTheRoleAndAReasonAndItsAuditEntrySaysExactlyWhat() throws Exception {
        ingest(LOG, "access.log");
        StewardUser sue = account("A1", Role.DISTRICT_ADMIN);
        String condition = "person == \"ben\"";

        assertThat(startBacktestPage(sue, condition, "I want to know about Ben"))
                .contains("only technology services and investigators may").doesNotContain("/activity/backtests/");
        assertThat(startBacktestPage(carl, condition, "")).contains("say why in the reason")
                .doesNotContain("/activity/backtests/");
        assertThat(startBacktestPage(carl, condition, ".........")).contains("Say in words why")
                .doesNotContain("/activity/backtests/");
        // a person's name in a string is no condition on a person
        assertThat(Backtests.namesSomeone(DistrictRules.apply(rules.find(district.id(), "games-during-duty")
                .orElseThrow().standard(), new DistrictRules.Change(true, Rule.Severity.HIGH, Rule.TimeFilter.ALWAYS,
                Rule.Measure.VISITS, 1, Rule.Window.DAY, "host == 'person.example'")))).isFalse();

        assertThat(startBacktestPage(carl, condition, "Complaint about Ben's browsing")).contains("/activity/backtests/");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from audit_entry where "
                + "district_id = ? and action = 'ACTIVITY_RULE_BACKTESTED'").param(district.id()).query(Long.class)
                .single() == 1);
        assertThat(jdbc.sql("select actor || ' | ' || reason || ' | ' || details from audit_entry where district_id = ? "
                        + "and action = 'ACTIVITY_RULE_BACKTESTED'").param(district.id()).query(String.class).single())
                .startsWith(carl.getUsername() + " | Complaint about Ben's browsing | games-during-duty over 2026-11-16 to")
                .contains("condition person == \"ben\"").contains("their names shown");
    }

    /** The rule page after asking for a backtest of games at any time on the 16th. */
    String startBacktestPage(StewardUser who, String condition, String reason) throws Exception {
        return mvc.perform(post("/activity/rules/games-during-duty/backtest").with(user(who)).with(csrf())
                        .param("enabled", "on").param("severity", "HIGH").param("time", "ALWAYS")
                        .param("measure", "VISITS").param("atLeast", "1").param("window", "DAY")
                        .param("condition", condition).param("from", "2026-11-16").param("to", "2026-11-16")
                        .param("reason", reason))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Starts a backtest of games at any time on the 16th through the rule page; the job's id. */
    String startBacktest(StewardUser who, String reason) throws Exception {
        String page = startBacktestPage(who, "", reason);
        Matcher job = Pattern.compile("/activity/backtests/([0-9a-f-]{36})").matcher(page);
        assertThat(job.find()).as("the page follows the backtest").isTrue();
        return job.group(1);
    }

    /** The backtest's fragment once it is done. */
    String backtestPage(StewardUser who, String reason) throws Exception {
        String job = startBacktest(who, reason);
        String[] done = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            done[0] = mvc.perform(get("/activity/backtests/" + job).with(user(who))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            return done[0].contains("Nothing was stored");
        });
        return done[0];
    }

    @Test
    void theCalendarDecidesDutyTimeAndAWrongLineChangesNothing() {
        assertThatThrownBy(() -> rules.saveCalendar(district.id(), "07:30-16:00",
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "2026-11-26 Thanksgiving\n2026-13-01 Nonsense",
                "Teacher 10:30-18:00", "carl"))
                .isInstanceOf(DistrictRules.Invalid.class)
                .hasMessageContaining("Holidays, line 2: '2026-13-01'")
                .hasMessageContaining("Job functions, line 1: 'Teacher 10:30-18:00'");
        assertThat(rules.calendar(district.id()).updatedBy()).isNull();

        // teachers start at 10:30: Ana's game at 10:00 is before her duty
        rules.saveCalendar(district.id(), "07:30-16:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                "2026-11-26 Thanksgiving", "Teacher: 10:30-18:00", "carl");
        ingest(LOG, "access.log");
        assertThat(findingsAbout("games-during-duty")).isEmpty();
        // custodians keep the district's hours; on a holiday nobody is on duty
        rules.saveCalendar(district.id(), "07:30-16:00", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                "2026-11-26 Thanksgiving", "", "carl");
        assertThat(rules.calendar(district.id()).schoolDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY,
                DayOfWeek.FRIDAY));
        ingest(line("2026-11-26T10:00:00", 2_000, "10.0.0.6", "ben", "http://games.example/holiday") + "\n"
                + line("2026-11-27T10:00:00", 2_000, "10.0.0.6", "ben", "http://games.example/friday") + "\n",
                "access.log.1");
        assertThat(jdbc.sql("select first_at from activity_finding where district_id = ? and rule = "
                        + "'games-during-duty'").param(district.id()).query(java.sql.Timestamp.class).list())
                .singleElement().satisfies(t -> assertThat(t.toInstant().atZone(LA).toLocalDate())
                        .isEqualTo(LocalDate.of(2026, 11, 27)));
    }

    @Test
    void onlyThoseWhoKeepMonitoringSeeOrChangeRules() throws Exception {
        mvc.perform(get("/activity/rules").with(user(carl))).andExpect(status().isOk())
                .andExpect(content().string(containsString("games-during-duty")));
        mvc.perform(get("/activity/rules/no-such-rule").with(user(carl))).andExpect(status().isNotFound());
        for (StewardUser refused : List.of(account("T1", Role.EMPLOYEE), account("I1", Role.INVESTIGATOR))) {
            mvc.perform(get("/activity/rules").with(user(refused))).andExpect(status().isForbidden());
            mvc.perform(get("/activity/calendar").with(user(refused))).andExpect(status().isForbidden());
            mvc.perform(post("/activity/rules/gambling").with(user(refused)).with(csrf()).param("severity", "LOW")
                    .param("time", "ALWAYS").param("measure", "COUNT").param("atLeast", "1")
                    .param("window", "DAY")).andExpect(status().isForbidden());
        }
        mvc.perform(post("/activity/rules/gambling").with(user(carl)).param("severity", "LOW")
                .param("time", "ALWAYS").param("measure", "COUNT").param("atLeast", "1").param("window", "DAY"))
                .andExpect(status().isForbidden());
        assertThat(rules.find(district.id(), "gambling").orElseThrow().changed()).isFalse();
        mvc.perform(post("/activity/rules/gambling").with(user(carl)).with(csrf()).param("severity", "LOW")
                        .param("time", "ALWAYS").param("measure", "COUNT").param("atLeast", "1")
                        .param("window", "DAY"))
                .andExpect(status().is3xxRedirection());
        assertThat(rules.find(district.id(), "gambling").orElseThrow().enabled()).as("an unticked box").isFalse();
    }

    StewardUser account(String employeeId, Role role) {
        return fixtures.account(district, employeeId, role);
    }
}
