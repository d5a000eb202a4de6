package org.steward.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.flushCookieJar;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * One person alone, one page after another without pausing: the list pages at 100 rows (the staff directory, the
 * device list, the findings queue, the approvals inbox, the completion report's lists) and the pages of the
 * morning, each {@code rounds} times after {@code warmup} rounds, so each page's time is the server's alone.
 */
public class Alone extends Simulation {

    private static final String BASE = System.getProperty("steward.url", "http://localhost:18480");
    private static final Path ACCOUNTS = Path.of(System.getProperty("steward.accounts", "target/demo-accounts.csv"));
    private static final int ROUNDS = Integer.getInteger("rounds", 30);
    /** Rounds before measuring, for the JIT to compile what the pages run: a server just started interprets it. */
    private static final int WARM_UP = Integer.getInteger("warmup", 150);

    private static Map<String, Object> first(String role, boolean atSchool) {
        try {
            return Files.readAllLines(ACCOUNTS).stream().skip(1).map(l -> l.split(",", 5))
                    .filter(f -> f[2].equals(role) && f[3].equals("DO") != atSchool).findFirst()
                    .map(f -> Map.<String, Object>of("username", f[0], "password", f[1])).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChainBuilder signInAs(Map<String, Object> account) {
        return exec(flushCookieJar()).exec(s -> s.setAll(account))
                .exec(http("sign-in page").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("sign in").post("/login").formParam("username", "#{username}")
                        .formParam("password", "#{password}").formParam("_csrf", "#{csrf}")
                        .check(substring("Sign out")));
    }

    /** Each page, first to warm up (its own name), then measured. */
    private static ChainBuilder pages(String who, List<String[]> pages) {
        ChainBuilder chain = exec(s -> s);
        for (String[] page : pages) {
            chain = chain.exec(repeat(WARM_UP).on(exec(http("warming up").get(page[1]))))
                    .exec(repeat(ROUNDS).on(exec(http(who + ": " + page[0]).get(page[1]))));
        }
        return chain;
    }

    private final ScenarioBuilder alone = scenario("one person alone")
            .exec(signInAs(first("technology", false)))
            .exec(pages("technology", List.of(
                    new String[] {"staff directory, 100 rows", "/staff?size=100"},
                    new String[] {"device list, 100 rows", "/devices?size=100"},
                    new String[] {"findings queue, 100 rows", "/activity/findings?size=100"},
                    new String[] {"home", "/"})))
            .exec(signInAs(first("hr", false)))
            .exec(http("HR: campaigns").get("/acknowledgments/campaigns")
                    .check(regex("/acknowledgments/campaigns/(\\d+)\"").findAll().saveAs("campaigns")))
            .exec(s -> s.set("campaign", s.getList("campaigns").stream().map(Object::toString)
                    .max(java.util.Comparator.comparingLong(Long::parseLong)).orElseThrow()))
            .exec(pages("HR", List.of(
                    new String[] {"completion report, 100 non-signers",
                            "/acknowledgments/campaigns/#{campaign}?unsigned.size=100"},
                    new String[] {"home", "/"})))
            .exec(signInAs(first("supervisor", true)))
            .exec(pages("supervisor", List.of(
                    new String[] {"approvals inbox", "/approvals?inbox.size=100"},
                    new String[] {"staff directory, own staff", "/staff?size=100"},
                    new String[] {"home", "/"})))
            .exec(signInAs(first("employee", true)))
            .exec(http("home").get("/")
                    .check(regex("href=\"(/acknowledgments/\\d+)\">Read and sign").saveAs("toSign")))
            .exec(pages("employee", List.<String[]>of(
                    new String[] {"signing page", "#{toSign}"},
                    new String[] {"home", "/"})));

    {
        setUp(alone.injectOpen(atOnceUsers(1))).protocols(http.baseUrl(BASE)
                .acceptHeader("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    }
}
