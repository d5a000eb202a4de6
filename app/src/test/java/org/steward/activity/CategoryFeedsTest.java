package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.TestClock;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.activity.CategoryFeeds.Outcome;
import org.steward.activity.CategoryLists.Change;
import org.steward.districts.District;
import org.steward.districts.Districts;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Category lists kept current against a real HTTP server on this machine: a new set is downloaded, verified against
 * its MD5 file and put in use with what changed in each category; the same archive again installs nothing; a bad
 * download (a wrong sum, a corrupt archive, a 404, a redirect to another scheme, a set shrunk by more than half)
 * changes nothing and says why; the previous set can be put back; the schedule decides when a check is due, in the
 * district's own time; and only the district's technology staff set or run its download.
 */
@StewardTest
class CategoryFeedsTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            """;
    /** The lists in use before each test: installed by hand from an upload. */
    static final Map<String, String> IN_USE = Map.of(
            "games", "games-a.example\ngames-b.example\ngames-c.example\n",
            "gambling", "casino.example\npoker.example\n",
            "adult", "adult.example\n");

    @Autowired CategoryLists categories;
    @Autowired CategoryFeeds feeds;
    @Autowired Fixtures fixtures;
    @Autowired Districts districts;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired MockMvc mvc;

    MockWebServer server;
    final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
    District district;
    StewardUser carl;
    StewardUser ana;
    StewardUser ivy;
    CategoryLists.Installed byHand;

    @BeforeEach
    void aDistrictWithListsInstalledByHandAndAListServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answers.getOrDefault(request.getUrl().encodedPath(), new MockResponse.Builder().code(404)
                        .body("not here").build());
            }
        });
        server.start();
        district = fixtures.district("Feeds");
        fixtures.roster(district, ROSTER);
        carl = fixtures.account(district, "C1", Role.TECHNOLOGY);
        ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        byHand = categories.installArchive(district.id(), new ByteArrayInputStream(archive(IN_USE)),
                "blacklists.tar.gz", "carl");
    }

    @AfterEach
    void stopTheServer() {
        server.close();
        clock.reset();
    }

    @Test
    void aNewSetIsDownloadedCheckedAgainstItsSumAndPutInUseWithWhatChangedAndTheSameArchiveAgainIsUnchanged()
            throws Exception {
        // the archive uploaded by hand, published: nothing to install
        serve("/blacklists.tar.gz", archive(IN_USE));
        feeds.set(district.id(), url("/blacklists.tar.gz"), url("/blacklists.tar.gz.md5"), "DAILY", "", "22",
                "carl");
        serve("/blacklists.tar.gz.md5", (md5(archive(IN_USE)) + "  blacklists.tar.gz\n").getBytes());
        assertThat(feeds.check(district.id(), "carl").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(byHand.id());

        // the next day's: two games more and one less, adult gone, a new category; gambling as it was
        byte[] next = archive(Map.of(
                "games", "games-a.example\ngames-b.example\ngames-d.example\ngames-e.example\n",
                "gambling", "poker.example\ncasino.example\n",
                "ai", "chat.example\n"));
        serve("/blacklists.tar.gz", next);
        serve("/blacklists.tar.gz.md5", ("# UT1\n" + md5(new byte[] {1}) + "  other.tar.gz\n" + md5(next)
                + " *blacklists.tar.gz\n").getBytes());
        CategoryFeeds.Check check = feeds.check(district.id(), "carl");

        assertThat(check.outcome()).as(check.message()).isEqualTo(Outcome.INSTALLED);
        assertThat(check.message()).isEqualTo("Put in use: 3 categories, 7 domains and URLs.");
        CategoryLists.Installed inUse = categories.current(district.id()).orElseThrow();
        assertThat(inUse.id()).isNotEqualTo(byHand.id());
        assertThat(inUse.origin()).isEqualTo(url("/blacklists.tar.gz"));
        assertThat(inUse.sizes()).containsEntry("games", 4).containsEntry("ai", 1).doesNotContainKey("adult");
        assertThat(categories.index(district.id()).index().categorize("games-d.example", "/").names())
                .containsExactly("games");
        CategoryLists.Swap swap = categories.lastSwap(district.id()).orElseThrow();
        assertThat(swap.replaced().id()).isEqualTo(byHand.id());
        assertThat(swap.changes()).containsExactly(
                new Change("ai", Change.Kind.ADDED, 1, 0),
                new Change("adult", Change.Kind.REMOVED, 0, 1),
                new Change("games", Change.Kind.CHANGED, 2, 1));
        assertThat(audits("CATEGORY_LISTS_INSTALLED")).isEqualTo(2);

        String page = mvc.perform(get("/activity/categories").with(user(carl))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The lists changed").contains("href=\"/activity/reapply\"")
                .contains("Re-apply to stored logs").contains("What changed")
                .contains("<th scope=\"row\">games</th>").contains("New category").contains("Category removed")
                .contains("Go back to the previous lists").contains("Put in use: 3 categories");

        // the same archive again
        CategoryFeeds.Check again = feeds.check(district.id(), "carl");
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.message()).contains("the same SHA-256").contains("nothing to install");
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(inUse.id());
        assertThat(checks()).as("latest first").containsExactly(Outcome.UNCHANGED, Outcome.INSTALLED,
                Outcome.UNCHANGED);
    }

    @Test
    void aBadDownloadIsRefusedWithItsReasonAndTheListsInUseStay() throws Exception {
        byte[] good = archive(Map.of("games", "games-a.example\ngames-z.example\n", "gambling", "casino.example\n",
                "adult", "adult.example\nadult2.example\n"));
        feeds.set(district.id(), url("/blacklists.tar.gz"), url("/blacklists.tar.gz.md5"), "DAILY", "", "22",
                "carl");

        serve("/blacklists.tar.gz", good);
        serve("/blacklists.tar.gz.md5", (md5(archive(IN_USE)) + "  blacklists.tar.gz\n").getBytes());
        assertRefused("The download's MD5 sum is " + md5(good) + ", but " + url("/blacklists.tar.gz.md5") + " says "
                + md5(archive(IN_USE)) + ": the download is not the file published");

        serve("/blacklists.tar.gz.md5", "this is not a list of sums\n".getBytes());
        assertRefused(url("/blacklists.tar.gz.md5") + " holds no MD5 or SHA-256 sum");

        feeds.set(district.id(), url("/blacklists.tar.gz"), "", "DAILY", "", "22", "carl");
        byte[] corrupt = java.util.Arrays.copyOf(good, good.length / 2);
        serve("/blacklists.tar.gz", corrupt);
        assertRefused("The download is not a tar.gz of category lists");

        answers.remove("/blacklists.tar.gz");
        assertRefused(url("/blacklists.tar.gz") + " answered 404 (not found), not the file.");

        answers.put("/blacklists.tar.gz", new MockResponse.Builder().code(302)
                .addHeader("Location", "file:///etc/passwd").build());
        assertRefused("redirects to file:///etc/passwd, which is not an http or https address");

        serve("/blacklists.tar.gz", archive(Map.of("games", "games-a.example\n", "gambling", "casino.example\n")));
        CategoryFeeds.Check shrunk = feeds.check(district.id(), "schedule");
        assertThat(shrunk.outcome()).isEqualTo(Outcome.HELD);
        assertThat(shrunk.message()).isEqualTo("Held back: the download lists 2 domains and URLs, less than half the "
                + "6 of the lists in use. A download cut short must never empty the filter, so the lists in use stay."
                + " If the smaller lists are right, put them in use on this page.");
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(byHand.id());
        assertThat(categories.index(district.id()).index().categorize("adult.example", "/").names())
                .containsExactly("adult");

        // a person who knows the publisher dropped those lists puts the held download in use
        CategoryLists.Installed held = categories.held(district.id()).orElseThrow();
        mvc.perform(post("/activity/categories/held").param("set", String.valueOf(held.id())).with(user(carl))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "The held download is in use: 2 categories, 2 entries."));
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(held.id());
        assertThat(categories.held(district.id())).isEmpty();
        assertThat(categories.previous(district.id()).orElseThrow().id()).isEqualTo(byHand.id());
    }

    @Test
    void goingBackPutsThePreviousListsInUseAndOnlyTheSetsThatCanComeBackKeepTheirFolders() throws Exception {
        feeds.set(district.id(), url("/blacklists.tar.gz"), "", "WEEKLY", "MONDAY", "22", "carl");
        serve("/blacklists.tar.gz", archive(Map.of("games", "games-a.example\ngames-b.example\ngames-c.example\n"
                + "games-d.example\n", "gambling", "casino.example\npoker.example\n", "adult", "adult.example\n")));
        CategoryLists.Installed second = set(feeds.check(district.id(), "carl"));
        serve("/blacklists.tar.gz", archive(Map.of("games", "games-a.example\ngames-b.example\ngames-c.example\n"
                + "games-d.example\ngames-e.example\n", "gambling", "casino.example\npoker.example\n",
                "adult", "adult.example\n")));
        CategoryLists.Installed third = set(feeds.check(district.id(), "carl"));

        assertThat(categories.previous(district.id()).orElseThrow().id()).isEqualTo(second.id());
        assertThat(folder(byHand.id())).as("the first set's folder is deleted to save disk").doesNotExist();
        assertThat(folder(second.id())).isDirectory();
        assertThat(categories.history(district.id(), 10)).extracting(k -> k.standing())
                .containsExactly(CategoryLists.Standing.IN_USE, CategoryLists.Standing.PREVIOUS,
                        CategoryLists.Standing.FOLDER_DELETED);

        mvc.perform(post("/activity/categories/previous").with(user(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("message", "The previous lists are in use again: 3 categories from "
                        + url("/blacklists.tar.gz") + "."));
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(second.id());
        assertThat(categories.index(district.id()).index().categorize("games-e.example", "/").isEmpty()).isTrue();
        assertThat(categories.previous(district.id()).orElseThrow().id()).as("and back again").isEqualTo(third.id());
        CategoryLists.Swap back = categories.lastSwap(district.id()).orElseThrow();
        assertThat(back.how()).isEqualTo(CategoryLists.Swap.How.PUT_BACK);
        assertThat(back.changes()).containsExactly(new Change("games", Change.Kind.CHANGED, 0, 1));
        assertThat(audits("CATEGORY_LISTS_PUT_BACK")).isEqualTo(1);
        assertThat(jdbc.sql("select actor from audit_entry where district_id = ? and action = "
                        + "'CATEGORY_LISTS_PUT_BACK'").param(district.id()).query(String.class).single())
                .isEqualTo(carl.getUsername());

        // the history is kept as it was
        assertThatThrownBy(() -> jdbc.sql("delete from category_swap where district_id = ?").param(district.id())
                .update()).hasMessageContaining("history");
    }

    @Test
    void theScheduleChecksOnceItsHourHasPassedInTheDistrictsOwnTime() throws Exception {
        District eastern = districts.save(districts.findById(district.id()).orElseThrow()
                .inZone("America/New_York"));
        ZoneId ny = eastern.zone();
        clock.set(LocalDateTime.parse("2026-11-17T10:00:00").atZone(ny).toInstant());
        serve("/blacklists.tar.gz", archive(IN_USE));
        feeds.set(district.id(), url("/blacklists.tar.gz"), "", "DAILY", "", "3", "carl");
        assertThat(feeds.due(district.id())).as("set after today's hour: the first check is tomorrow's").isFalse();
        assertThat(feeds.nextCheck(district.id())).contains(Instant.parse("2026-11-18T08:00:00Z"));

        clock.set(Instant.parse("2026-11-18T07:59:00Z"));
        assertThat(feeds.due(district.id())).isFalse();
        clock.set(Instant.parse("2026-11-18T08:20:00Z"));
        assertThat(feeds.due(district.id())).as("03:00 in New York has passed").isTrue();
        assertThat(feeds.checkDue()).isGreaterThanOrEqualTo(1);
        CategoryFeeds.Check scheduled = feeds.checks(district.id(),
                CategoryFeeds.CHECKS.paging(new org.steward.lists.ListParams(null, null, null, null), 20))
                .rows().get(0);
        assertThat(scheduled.by()).isEqualTo(CategoryFeeds.SCHEDULE);
        assertThat(scheduled.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(feeds.due(district.id())).as("checked once").isFalse();
        clock.set(Instant.parse("2026-11-19T07:00:00Z"));
        assertThat(feeds.due(district.id())).isFalse();

        // weekly, on Mondays at 22:00: due from Monday 22:00 until a check
        feeds.set(district.id(), url("/blacklists.tar.gz"), "", "WEEKLY", "monday", "22", "carl");
        assertThat(feeds.nextCheck(district.id())).contains(
                LocalDateTime.parse("2026-11-23T22:00:00").atZone(ny).toInstant());
        clock.set(LocalDateTime.parse("2026-11-23T21:59:00").atZone(ny).toInstant());
        assertThat(feeds.due(district.id())).isFalse();
        clock.set(LocalDateTime.parse("2026-11-24T06:00:00").atZone(ny).toInstant());
        assertThat(feeds.due(district.id())).as("the server was down at the hour: it checks when it is back")
                .isTrue();
    }

    @Test
    void onlyTheDistrictsTechnologyStaffSetOrRunItsDownloadAndBadSettingsChangeNothing() throws Exception {
        String address = url("/blacklists.tar.gz");
        for (StewardUser notTechnology : List.of(ana, ivy)) {
            mvc.perform(post("/activity/categories/feed").param("address", address).param("frequency", "DAILY")
                    .param("hour", "22").with(user(notTechnology)).with(csrf())).andExpect(status().isForbidden());
            mvc.perform(post("/activity/categories/feed/check").with(user(notTechnology)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/activity/categories/previous").with(user(notTechnology)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/activity/categories/feed").param("address", address).param("frequency", "DAILY")
                .param("hour", "22").with(user(carl))).andExpect(status().isForbidden()); // no CSRF token
        assertThat(feeds.feed(district.id())).isEmpty();

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("ftp://lists.example/blacklists.tar.gz", "The download address starts with http:// or https://");
        bad.put("javascript:alert(1)", "The download address starts with http:// or https://");
        bad.put("https://user:secret@lists.example/b.tar.gz", "The download address holds a user name or password");
        bad.put("https://lists.example/a b.tar.gz", "The download address holds a space");
        bad.put("", "The download address is empty.");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            mvc.perform(post("/activity/categories/feed").param("address", entry.getKey()).param("frequency", "DAILY")
                            .param("hour", "22").with(user(carl)).with(csrf()))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith(entry.getValue())));
        }
        mvc.perform(post("/activity/categories/feed").param("address", address).param("frequency", "WEEKLY")
                        .param("hour", "22").with(user(carl)).with(csrf()))
                .andExpect(flash().attribute("problem", "A weekly check needs its day, Monday to Sunday."));
        mvc.perform(post("/activity/categories/feed").param("address", address).param("frequency", "DAILY")
                        .param("hour", "25").with(user(carl)).with(csrf()))
                .andExpect(flash().attribute("problem", "The hour of the check is 0 to 23, in the district's time."));
        mvc.perform(post("/activity/categories/feed").param("address", address).param("checksumAddress", "md5")
                        .param("frequency", "DAILY").param("hour", "22").with(user(carl)).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith(
                        "The checksum file's address starts with http:// or https://")));
        assertThat(feeds.feed(district.id())).as("nothing was set").isEmpty();
        assertThat(audits("CATEGORY_FEED_SET")).isZero();

        mvc.perform(post("/activity/categories/feed").param("address", address).param("frequency", "DAILY")
                        .param("hour", "22").with(user(carl)).with(csrf()))
                .andExpect(flash().attribute("message", "Saved: Steward downloads the lists from " + address
                        + " every day at 22:00 (Pacific Time)."));
        assertThat(audits("CATEGORY_FEED_SET")).isEqualTo(1);
        serve("/blacklists.tar.gz", archive(Map.of("games", "x.example\n")));
        assertThat(feeds.check(district.id(), "carl").outcome()).isEqualTo(Outcome.HELD);
        long held = categories.held(district.id()).orElseThrow().id();

        // another district's technology staff: they see nothing of this district's download and change nothing
        District other = fixtures.district("Elsewhere");
        StewardUser attacker = fixtures.user(other, Role.TECHNOLOGY);
        String theirs = mvc.perform(get("/activity/categories").with(user(attacker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(theirs).doesNotContain(address).contains("No download address is set");
        mvc.perform(post("/activity/categories/feed/check").with(user(attacker)).with(csrf()))
                .andExpect(flash().attribute("problem", "There is no download address to check: set one first."));
        mvc.perform(post("/activity/categories/held").param("set", String.valueOf(held)).with(user(attacker))
                        .with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith(
                        "That download is not held back any more")));
        mvc.perform(post("/activity/categories/previous").with(user(attacker)).with(csrf()))
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith(
                        "There are no previous lists to go back to")));
        mvc.perform(post("/activity/categories/feed/remove").with(user(attacker)).with(csrf()))
                .andExpect(flash().attribute("problem", "There is no download address to remove."));
        assertThat(feeds.feed(district.id())).isPresent();
        assertThat(categories.held(district.id()).orElseThrow().id()).isEqualTo(held);
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(byHand.id());
        assertThat(categories.current(other.id())).isEmpty();
        assertThat(checks()).hasSize(1);
    }

    /** A check is refused saying {@code expected}, and the lists in use stay. */
    private void assertRefused(String expected) {
        CategoryFeeds.Check check = feeds.check(district.id(), "carl");
        assertThat(check.outcome()).as(check.message()).isEqualTo(Outcome.REFUSED);
        assertThat(check.message()).contains(expected).endsWith(" The lists in use stay.");
        assertThat(categories.current(district.id()).orElseThrow().id()).isEqualTo(byHand.id());
    }

    private CategoryLists.Installed set(CategoryFeeds.Check check) {
        assertThat(check.outcome()).as(check.message()).isEqualTo(Outcome.INSTALLED);
        return categories.current(district.id()).orElseThrow();
    }

    private Path folder(long setId) {
        return Path.of(jdbc.sql("select folder from category_set where id = ?").param(setId).query(String.class)
                .single());
    }

    private List<Outcome> checks() {
        return jdbc.sql("select outcome from category_check where district_id = ? order by at desc, id desc")
                .param(district.id()).query((rs, n) -> Outcome.valueOf(rs.getString(1))).list();
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_entry where district_id = ? and action = ?")
                .params(district.id(), action).query(Long.class).single();
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private void serve(String path, byte[] body) {
        answers.put(path, new MockResponse.Builder().body(new Buffer().write(body)).build());
    }

    /**
     * A tar.gz in UT1's layout, blacklists/{category}/domains, the same bytes for the same lists (its files dated
     * alike), as a publisher's archive is until it changes.
     */
    static byte[] archive(Map<String, String> domains) throws IOException {
        java.util.Date dated = java.util.Date.from(Instant.parse("2026-11-01T00:00:00Z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (String category : new java.util.TreeSet<>(domains.keySet())) {
                TarArchiveEntry folder = new TarArchiveEntry("blacklists/" + category + "/");
                folder.setModTime(dated);
                tar.putArchiveEntry(folder);
                tar.closeArchiveEntry();
                byte[] content = domains.get(category).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                TarArchiveEntry file = new TarArchiveEntry("blacklists/" + category + "/domains", true);
                file.setModTime(dated);
                file.setSize(content.length);
                tar.putArchiveEntry(file);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
