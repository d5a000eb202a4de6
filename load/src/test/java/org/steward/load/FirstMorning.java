package org.steward.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIf;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.currentLocationRegex;
import static io.gatling.javaapi.http.HttpDsl.flushCookieJar;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The first morning of the school year in a district made larger (load/run.sh starts it): employees sign this year's
 * acknowledgment through the pages, some at kiosks their supervisors opened, and download the receipt; HR watches
 * the completion report; supervisors decide the take-home requests waiting for them; technology works the findings
 * queue and opens the staff directory and the device list.
 *
 * <p>Every person is a closed-model virtual user: {@code users} of them at once (80 % signing, at their own screen or
 * a kiosk; the rest HR, supervisors and technology), each signer's seat taken by the next employee as soon as one has
 * signed. The run ends when every employee of the accounts file has signed, or after {@code minutes}. With
 * {@code think=true} people pause as people do (reading the policy takes half a minute or more); with
 * {@code think=false} they do not pause at all, for throughput.
 */
public class FirstMorning extends Simulation {

    private static final String BASE = System.getProperty("steward.url", "http://localhost:18480");
    private static final Path ACCOUNTS = Path.of(System.getProperty("steward.accounts", "target/demo-accounts.csv"));
    private static final boolean THINK = Boolean.parseBoolean(System.getProperty("think", "true"));
    private static final int USERS = Integer.getInteger("users", 100);
    private static final Duration LONGEST = Duration.ofMinutes(Integer.getInteger("minutes", 10));
    /** Everyone has arrived after this: they come in over twenty seconds, not in one instant. */
    private static final Duration ARRIVING = Duration.ofSeconds(20);
    /** How many employees sign (all of the file by default): fewer for a short try. */
    private static final int SIGNERS = Integer.getInteger("signers", Integer.MAX_VALUE);

    /** One line of the accounts file Steward wrote: username, the shared password, the role played, site, name. */
    private record Account(String username, String password, String role, String site, String name) {
        Map<String, Object> asSession() {
            return Map.of("username", username, "password", password, "name", name);
        }
    }

    private static final List<Account> ALL = read(ACCOUNTS);
    private static final Queue<Account> TO_SIGN = new ConcurrentLinkedQueue<>(
            ALL.stream().limit(SIGNERS).toList());
    private static final int SIGNING = TO_SIGN.size();
    private static final AtomicInteger SIGNED = new AtomicInteger();
    private static final Queue<Account> KIOSK_OPENERS = new ConcurrentLinkedQueue<>();
    private static final Queue<Account> DECIDERS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong STARTED = new AtomicLong();
    private static final AtomicLong LAST_SIGNED = new AtomicLong();

    private static List<Account> read(Path file) {
        try {
            List<Account> accounts = new ArrayList<>();
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.split(",", 5);
                accounts.add(new Account(f[0], f[1], f[2], f[3], f[4]));
            }
            return accounts;
        } catch (IOException e) {
            throw new UncheckedIOException("No accounts file at " + file + ": load/run.sh starts Steward, which "
                    + "writes it", e);
        }
    }

    private static List<Account> playing(String role) {
        return ALL.stream().filter(a -> a.role().equals(role)).toList();
    }

    private static boolean going() {
        return System.nanoTime() - STARTED.get() < LONGEST.toNanos() && SIGNED.get() < SIGNING;
    }

    /** A pause as a person takes one, from {@code least} to {@code most} seconds; none in the throughput run. */
    private static ChainBuilder think(int least, int most) {
        return THINK ? exec(pause(Duration.ofSeconds(least), Duration.ofSeconds(most))) : exec(s -> s);
    }

    private static final ChainBuilder SIGN_IN_PAGE = exec(http("sign-in page").get("/login")
            .check(css("input[name=_csrf]", "value").saveAs("csrf")));

    /** Signs in as the session's username, landing on the home page. */
    private static final ChainBuilder SIGN_IN = exec(http("sign in").post("/login")
            .formParam("username", "#{username}").formParam("password", "#{password}")
            .formParam("_csrf", "#{csrf}")
            .check(substring("Sign out")));

    /** Reads this year's policy, ticks every statement, types the name and signs. */
    private static ChainBuilder readAndSign(String signed) {
        return exec(http("signing page").get("#{toSign}")
                        .check(css("input[name=statement]", "value").findAll().saveAs("statements"))
                        .check(css("form[action*=acknowledgments] input[name=_csrf]", "value").saveAs("csrf")))
                .exec(think(20, 40))
                .exec(http("sign").post("#{toSign}")
                        .formParam("_csrf", "#{csrf}").multivaluedFormParam("statement", "#{statements}")
                        .formParam("typedName", "#{name}")
                        .check(substring(signed))
                        .check(regex("/acknowledgments/receipts/(\\d+)").findAll().optional()
                                .saveAs("receipts")))
                .exec(s -> {
                    int done = SIGNED.incrementAndGet();
                    LAST_SIGNED.set(System.nanoTime());
                    if (done % 250 == 0 || done == SIGNING) {
                        System.out.printf("%d of %d signed after %.0f s%n", done, SIGNING,
                                (System.nanoTime() - STARTED.get()) / 1e9);
                    }
                    return s;
                });
    }

    private static final ChainBuilder NEXT_EMPLOYEE = exec(flushCookieJar())
            .exec(s -> {
                Account next = TO_SIGN.poll();
                return next == null ? s.set("username", "") : s.setAll(next.asSession());
            })
            .exitHereIf(s -> s.getString("username").isEmpty());

    /** An employee at their own screen: signs in, signs, downloads the receipt, and gives the seat to the next. */
    private static final ScenarioBuilder AT_THEIR_DESK = scenario("employees at their own screens")
            .exec(s -> s.set("username", "x"))
            .asLongAs(s -> going()).on(
                    exec(NEXT_EMPLOYEE)
                            .exec(SIGN_IN_PAGE)
                            .exec(think(4, 8))
                            .exec(SIGN_IN)
                            .exec(http("home").get("/")
                                    .check(regex("href=\"(/acknowledgments/\\d+)\">Read and sign").saveAs("toSign")))
                            .exec(think(2, 5))
                            .exec(readAndSign("Signed. Your receipt is below"))
                            .exec(think(2, 5))
                            .exec(s -> s.set("receipt", newest(s.getList("receipts"))))
                            .exec(http("receipt (PDF)").get("/acknowledgments/receipts/#{receipt}")
                                    .check(header("Content-Type").is("application/pdf"))
                                    .check(bodyString().transform(String::length).gt(5_000))));

    private static String newest(List<Object> ids) {
        return ids.stream().map(Object::toString).max(Comparator.comparingLong(Long::parseLong)).orElseThrow();
    }

    /** A supervisor opens a kiosk on a shared screen; employees sign there one after another. */
    private static final ScenarioBuilder AT_A_KIOSK = scenario("employees at kiosks")
            .exec(s -> s.setAll(KIOSK_OPENERS.poll().asSession()))
            .exec(SIGN_IN_PAGE).exec(SIGN_IN)
            .exec(http("campaigns").get("/acknowledgments/campaigns")
                    .check(css("form[action='/kiosk/open'] input[name=_csrf]", "value").saveAs("csrf")))
            .exec(http("open a kiosk").post("/kiosk/open").formParam("_csrf", "#{csrf}")
                    .check(substring("This screen is a kiosk")))
            .asLongAs(s -> going()).on(
                    exec(s -> {
                        Account next = TO_SIGN.poll();
                        return next == null ? s.set("username", "") : s.setAll(next.asSession());
                    })
                            .exitHereIf(s -> s.getString("username").isEmpty())
                            .exec(http("kiosk: sign in to sign").get("/kiosk/next")
                                    .check(css("input[name=_csrf]", "value").saveAs("csrf")))
                            .exec(think(4, 8))
                            .exec(http("kiosk: sign in").post("/login")
                                    .formParam("username", "#{username}").formParam("password", "#{password}")
                                    .formParam("_csrf", "#{csrf}")
                                    .check(currentLocationRegex("(/acknowledgments/\\d+)").saveAs("toSign")))
                            .exec(readAndSign("Signed, thank you")));


    /** HR watches completion by site and the list of those who have not signed yet. */
    private static final ScenarioBuilder HR = scenario("HR")
            .exec(s -> s.setAll(pick(playing("hr")).asSession()))
            .exec(SIGN_IN_PAGE).exec(SIGN_IN)
            .exec(http("HR: campaigns").get("/acknowledgments/campaigns")
                    .check(regex("/acknowledgments/campaigns/(\\d+)\"").findAll().saveAs("campaigns")))
            .exec(s -> s.set("campaign", newest(s.getList("campaigns"))))
            .asLongAs(s -> going()).on(
                    exec(http("HR: completion report").get("/acknowledgments/campaigns/#{campaign}")
                            .check(substring("By site")).check(substring("Not signed yet")))
                            .exec(think(15, 30))
                            .exec(http("HR: home with completion").get("/").check(substring("signed")))
                            .exec(think(10, 20)));

    /** A supervisor decides the take-home requests in their inbox, one after another. */
    private static final ScenarioBuilder SUPERVISORS = scenario("supervisors")
            .exec(s -> s.setAll(DECIDERS.poll().asSession()))
            .exec(SIGN_IN_PAGE).exec(SIGN_IN)
            .asLongAs(s -> going()).on(
                    exec(http("supervisor: approvals inbox").get("/approvals")
                            .check(regex("aria-label=\"Waiting for your decision\"[\\s\\S]*?href=\"/approvals/(\\d+)\"")
                                    .optional()
                                    .saveAs("request")))
                            .exec(think(3, 8))
                            .doIf(s -> s.contains("request")).then(
                                    exec(http("supervisor: request").get("/approvals/#{request}")
                                            .check(css("form[action$=decision] input[name=_csrf]", "value")
                                                    .optional().saveAs("csrf")))
                                            .exec(think(5, 15))
                                            .doIf(s -> s.contains("csrf")).then(
                                                    exec(http("supervisor: decide").post("/approvals/#{request}/decision")
                                                            .formParam("_csrf", "#{csrf}").formParam("approve", "true")
                                                            .formParam("conditions", "").formParam("reason", "")
                                                            .check(substring("Recorded")))))
                            .exec(s -> s.remove("request").remove("csrf"))
                            .exec(think(5, 10)));

    /** Technology works the findings of the summer and looks people and devices up. */
    private static final ScenarioBuilder TECHNOLOGY = scenario("technology")
            .exec(s -> s.setAll(pick(playing("technology")).asSession()))
            .exec(SIGN_IN_PAGE).exec(SIGN_IN)
            .asLongAs(s -> going()).on(
                    exec(http("technology: findings queue").get("/activity/findings")
                            .check(regex("href=\"/activity/findings/(\\d+)\"").findRandom().optional()
                                    .saveAs("finding")))
                            .exec(think(5, 10))
                            .doIf(s -> s.contains("finding")).then(
                                    exec(http("technology: finding").get("/activity/findings/#{finding}")
                                            .check(css("form[action$=triage] input[name=_csrf]", "value")
                                                    .optional().saveAs("csrf")))
                                            .exec(think(10, 20))
                                            .doIf(s -> s.contains("csrf")
                                                    && ThreadLocalRandom.current().nextInt(3) == 0).then(
                                                    exec(http("technology: triage")
                                                            .post("/activity/findings/#{finding}/triage")
                                                            .formParam("_csrf", "#{csrf}")
                                                            .formParam("status", "DISMISSED")
                                                            .formParam("reason", "Checked against the site's "
                                                                    + "schedule: a lesson used the site.")
                                                            .check(status().lt(400)))))
                            .exec(s -> s.remove("finding").remove("csrf"))
                            .exec(think(5, 10))
                            .exec(http("technology: staff directory").get("/staff").check(substring("Staff")))
                            .exec(think(5, 10))
                            .exec(http("technology: device list").get("/devices").check(substring("Asset tag")))
                            .exec(think(5, 10)));

    private static Account pick(List<Account> among) {
        return among.get(ThreadLocalRandom.current().nextInt(among.size()));
    }

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .acceptHeader("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .acceptLanguageHeader("en-US,en;q=0.5")
            .userAgentHeader("Mozilla/5.0 (X11; Linux x86_64) Steward load benchmark (Gatling)");

    {
        int kiosks = Math.max(1, USERS / 10);
        int hr = Math.max(1, USERS / 20);
        int supervisors = Math.max(1, USERS * 8 / 100);
        int technology = Math.max(1, USERS * 7 / 100);
        int desks = Math.max(1, USERS - kiosks - hr - supervisors - technology);
        // the schools' principals and assistant principals: their staff asked to take laptops home
        List<Account> bosses = playing("supervisor").stream().filter(a -> !a.site().equals("DO")).toList();
        DECIDERS.addAll(bosses.subList(0, Math.min(supervisors, bosses.size())));
        KIOSK_OPENERS.addAll(bosses.subList(bosses.size() - Math.min(kiosks, bosses.size()), bosses.size()));
        System.out.printf("Steward at %s: %d accounts, %d to sign; %d at their screens, %d kiosks, %d HR, %d "
                        + "supervisors, %d technology; think time %s, at most %s%n", BASE, ALL.size(), SIGNING, desks,
                kiosks, hr, supervisors, technology, THINK ? "on" : "off", LONGEST);
        List<PopulationBuilder> people = List.of(
                AT_THEIR_DESK.injectOpen(rampUsers(desks).during(ARRIVING)),
                AT_A_KIOSK.injectOpen(rampUsers(Math.min(kiosks, bosses.size())).during(ARRIVING)),
                HR.injectOpen(rampUsers(hr).during(ARRIVING)),
                SUPERVISORS.injectOpen(rampUsers(Math.min(supervisors, bosses.size())).during(ARRIVING)),
                TECHNOLOGY.injectOpen(rampUsers(technology).during(ARRIVING)));
        setUp(people).protocols(protocol).maxDuration(LONGEST.plusMinutes(2));
    }

    @Override
    public void before() {
        STARTED.set(System.nanoTime());
    }

    @Override
    public void after() {
        double seconds = (LAST_SIGNED.get() - STARTED.get()) / 1e9;
        System.out.printf("Signed: %d of %d acknowledgments with their receipts, the last %.1f s after the start%n",
                SIGNED.get(), SIGNING, SIGNED.get() == 0 ? 0 : seconds);
    }
}
