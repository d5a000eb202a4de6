package org.steward.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.steward.QueryCounts;
import org.steward.StewardApplication;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.devices.Inventory;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.investigations.CaseReads;
import org.steward.lists.ListParams;
import org.steward.lists.Paged;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.policies.PolicyVersion;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;

/**
 * Issue 20's numbers: the case list of a district with 100,000 cases and 2,000,000 items of evidence, on the
 * embedded PostgreSQL. The cases and their evidence are made by SQL in bulk, within the schema's constraints and
 * triggers; a second district has a few cases opened through {@code Cases}, which the first district's pages must
 * neither count nor show. Each page is timed 21 times after warming up, through the services its controller asks
 * and rendered over MockMvc signed in as an investigator; then the plans of the case list's queries. A benchmark, not
 * a test: the figures go to docs/benchmarks.md. {@code java ... CasesBenchmark [cases]} (100,000 unless given).
 */
public final class CasesBenchmark {

    private static final int WARM_UP = 5;
    private static final int RUNS = 21;
    private static final int INVESTIGATORS = 20;
    private static final int STAFF = 2_000;

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", "true", "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0",
                "steward.audit.key", java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32))));
        try (ConfigurableApplicationContext context = application.run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            AccountDirectory accounts = context.getBean(AccountDirectory.class);
            CaseReads reads = new CaseReads(context);
            long started = System.nanoTime();
            long id = district(context, "bench", "Bench USD", STAFF);
            List<StewardUser> investigators = new ArrayList<>();
            for (int i = 0; i < INVESTIGATORS; i++) {
                investigators.add(account(context, id, "E%05d".formatted(i), "ivy" + i));
            }
            // everyone else signs in through the district's identity provider: an account without a password
            jdbc.sql("""
                    insert into account (district_id, username, display_name, email, staff_id, created_at)
                    select s.district_id, 'staff' || s.id, s.first_name || ' ' || s.last_name, s.email, s.id, now()
                      from staff s where s.district_id = ?
                       and not exists (select 1 from account a where a.staff_id = s.id)""").param(id).update();
            jdbc.sql("""
                    insert into account_role (account_id, role)
                    select a.id, 'EMPLOYEE' from account a where a.district_id = ?
                       and not exists (select 1 from account_role r where r.account_id = a.id)""").param(id).update();
            System.out.printf("district of %,d staff, %,d accounts, 6,000 devices: %.1f s%n", STAFF,
                    jdbc.sql("select count(*) from account where district_id = ?").param(id).query(Long.class)
                            .single(), (System.nanoTime() - started) / 1e9);
            BulkCases.make(jdbc, id, cases, investigators.stream().map(StewardUser::accountId).toList());
            System.out.printf("all made in %.0f s%n", (System.nanoTime() - started) / 1e9);

            // a second district and its few cases, opened as an investigator opens them
            long otherId = district(context, "other", "Other USD", 10);
            StewardUser otherInvestigator = account(context, otherId, "E00000", "olga");
            for (int i = 1; i <= 3; i++) {
                reads.open(otherInvestigator, "Other district's case " + i);
            }
            jdbc.sql("vacuum analyze").update();

            StewardUser ivy = investigators.get(0);
            int lastPage = (cases + 49) / 50;
            int middle = lastPage / 2;
            isolated(reads, id, cases);

            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                    .apply(SecurityMockMvcConfigurers.springSecurity()).build();
            long openCase = jdbc.sql("""
                    select c.id from investigation_case c where c.district_id = ? and c.status = 'OPEN'
                       and c.number = (select max(number) from investigation_case where district_id = ?
                                          and status = 'OPEN' and subject_staff_id is not null)""")
                    .params(id, id).query(Long.class).single();
            long closedCase = jdbc.sql("""
                    select id from investigation_case where district_id = ? and status = 'CLOSED'
                     order by number desc limit 1""").param(id).query(Long.class).single();
            long items = jdbc.sql("select count(*) from investigation_evidence where case_id = ?").param(openCase)
                    .query(Long.class).single();

            System.out.println();
            System.out.println("| page | through its services: median | 95th | over HTTP (rendered): median | 95th"
                    + " | page bytes |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            both("case list, first page (newest first)", () -> reads.cases(id, "", null, params(1, null, null)),
                    mvc, "/investigations/cases", ivy);
            both("case list, middle page (" + middle + ")", () -> reads.cases(id, "", null,
                    params(middle, null, null)), mvc, "/investigations/cases?page=" + middle, ivy);
            both("case list, last page (" + lastPage + ")", () -> reads.cases(id, "", null,
                    params(lastPage, null, null)), mvc, "/investigations/cases?page=" + lastPage, ivy);
            both("case list, open cases", () -> reads.cases(id, "OPEN", null, params(1, null, null)), mvc,
                    "/investigations/cases?status=OPEN", ivy);
            both("case list, closed cases, middle page", () -> reads.cases(id, "CLOSED", null,
                    params(middle / 2, null, null)), mvc, "/investigations/cases?status=CLOSED&page=" + middle / 2,
                    ivy);
            both("case list, merged cases", () -> reads.cases(id, "MERGED", null, params(1, null, null)), mvc,
                    "/investigations/cases?status=MERGED", ivy);
            both("case list, one investigator's cases (filter)", () -> reads.cases(id, "", ivy.accountId(),
                    params(1, null, null)), mvc, "/investigations/cases?assignee=" + ivy.accountId(), ivy);
            both("my cases, first page", () -> reads.mine(ivy, params(1, null, null)), mvc,
                    "/investigations/cases/mine", ivy);
            int myLast = (int) ((reads.mine(ivy, params(1, null, null)).total() + 49) / 50);
            both("my cases, last page (" + myLast + ")", () -> reads.mine(ivy, params(myLast, null, null)), mvc,
                    "/investigations/cases/mine?page=" + myLast, ivy);
            for (String[] sort : new String[][] {{"number", "asc"}, {"opened", "desc"}, {"opened", "asc"},
                    {"status", "asc"}, {"status", "desc"}, {"subject", "asc"}, {"subject", "desc"}}) {
                both("case list sorted by " + sort[0] + " " + sort[1], () -> reads.cases(id, "", null,
                        params(1, sort[0], sort[1])), mvc, "/investigations/cases?sort=" + sort[0] + "&dir="
                        + sort[1], ivy);
            }
            both("case list sorted by subject, middle page", () -> reads.cases(id, "", null,
                    params(middle, "subject", "asc")), mvc, "/investigations/cases?sort=subject&dir=asc&page="
                    + middle, ivy);
            both("waiting list, first page", () -> reads.waiting(id, params(1, null, null)), mvc, "/investigations",
                    ivy);
            both("waiting list by subject", () -> reads.waiting(id, params(1, "subject", null)), mvc,
                    "/investigations?sort=subject", ivy);
            both("an open case's page (" + items + " items of evidence)", () -> reads.casePage(ivy, openCase), mvc,
                    "/investigations/cases/" + openCase, ivy);
            both("a closed case's page", () -> reads.casePage(ivy, closedCase), mvc,
                    "/investigations/cases/" + closedCase, ivy);

            System.out.println();
            explain(context, "case list, first page", () -> reads.cases(id, "", null, params(1, null, null)));
            explain(context, "case list, middle page", () -> reads.cases(id, "", null, params(middle, null, null)));
            explain(context, "case list, last page", () -> reads.cases(id, "", null, params(lastPage, null, null)));
            explain(context, "case list, open cases", () -> reads.cases(id, "OPEN", null, params(1, null, null)));
            explain(context, "my cases", () -> reads.mine(ivy, params(1, null, null)));
            explain(context, "case list by subject, middle page", () -> reads.cases(id, "", null,
                    params(middle, "subject", "asc")));
            explain(context, "waiting list", () -> reads.waiting(id, params(1, null, null)));
            explain(context, "an open case's page", () -> reads.casePage(ivy, openCase));
        }
    }

    private static ListParams params(int page, String sort, String dir) {
        return new ListParams(page, null, sort, dir);
    }

    /** The first district's list counts its own cases and shows none of the other's, filtered or not. */
    private static void isolated(CaseReads reads, long id, int cases) {
        Paged<?> all = reads.cases(id, "", null, params(1, null, null)).cases();
        Paged<?> open = reads.cases(id, "OPEN", null, params(1, null, null)).cases();
        if (all.total() != cases || CaseReads.titles(all).stream().anyMatch(t -> t.startsWith("Other district"))
                || CaseReads.titles(open).stream().anyMatch(t -> t.startsWith("Other district"))) {
            throw new IllegalStateException("the list of the first district counts " + all.total() + " cases and"
                    + " shows " + CaseReads.titles(all));
        }
        System.out.printf("isolation: the first district's list counts %,d cases, shows none of the other's%n",
                all.total());
    }

    private static long district(ConfigurableApplicationContext context, String slug, String name, int staff) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long id = context.getBean(Districts.class).save(District.named(slug, name, Instant.now())).id();
        jdbc.sql("insert into site (district_id, code, name) select ?, 'S' || i, 'School ' || i "
                + "from generate_series(1, 40) i").param(id).update();
        StringBuilder roster = new StringBuilder("employee_id,first_name,last_name,email,site,job_function,"
                + "supervisor_employee_id,hire_date,status\n");
        String[] last = {"Garcia", "Nguyen", "Smith", "Patel", "Lopez", "Kim", "Brown", "Chavez", "Young", "Ortiz"};
        for (int i = 0; i < staff; i++) {
            roster.append("E%05d,First%d,%s%d,e%d@%s.org,S%d,%s,%s,2015-08-01,active\n".formatted(i, i,
                    last[i % last.length], i / 10, i, slug, 1 + i % 40, i < INVESTIGATORS ? "Investigator"
                            : i % 5 == 0 ? "Counselor" : "Teacher", i < 40 ? "" : "E%05d".formatted(i % 40)));
        }
        context.getBean(StaffDirectory.class).importRoster(id, List.of(new RosterUpload("roster.csv",
                roster.toString().getBytes(StandardCharsets.UTF_8))), "roster.csv", "bench");
        if (staff == STAFF) {
            StringBuilder devices = new StringBuilder("asset_tag,serial_number,type,model,site\n");
            for (int i = 0; i < 6_000; i++) {
                devices.append("A-%06d,SN%08d,%s,Model %d,S%d\n".formatted(i, i, i % 4 == 0 ? "tablet" : "laptop",
                        i % 12, 1 + i % 40));
            }
            context.getBean(Inventory.class).importFile(id, "devices.csv",
                    devices.toString().getBytes(StandardCharsets.UTF_8));
        }
        PolicyLibrary policies = context.getBean(PolicyLibrary.class);
        Policy policy = policies.adoptModel(id);
        PolicyVersion published = policies.publish(id, policy.id(), 1, "adopted");
        System.out.printf("%s: policy version %d published%n", name, published.number());
        return id;
    }

    private static StewardUser account(ConfigurableApplicationContext context, long districtId, String employeeId,
                                       String username) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Object> member = jdbc.sql("""
                select id, first_name || ' ' || last_name as name, email from staff
                 where district_id = ? and employee_id = ?""").params(districtId, employeeId).query().singleRow();
        AccountDirectory accounts = context.getBean(AccountDirectory.class);
        accounts.create(districtId, username, "quartz lantern orchard 7 ledger", (String) member.get("name"),
                (String) member.get("email"), ((Number) member.get("id")).longValue(),
                EnumSet.of(Role.INVESTIGATOR));
        return (StewardUser) accounts.loadUserByUsername(username);
    }

    /** Times the page through its services, then rendered over MockMvc, and prints a row of the table. */
    private static void both(String what, Callable<?> service, MockMvc mvc, String address, StewardUser who)
            throws Exception {
        double[] direct = time(service);
        int[] bytes = new int[1];
        double[] page = time(() -> {
            MvcResult result = mvc.perform(get(address).with(user(who))).andReturn();
            if (result.getResponse().getStatus() != 200) {
                throw new IllegalStateException(address + " answered " + result.getResponse().getStatus());
            }
            bytes[0] = result.getResponse().getContentAsByteArray().length;
            return result;
        });
        System.out.printf("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %,d |%s%n", what, direct[0], direct[1],
                page[0], page[1], bytes[0], direct[2] < RUNS || page[2] < RUNS ? " (3 runs: median, slowest)" : "");
    }

    /**
     * The median and the 95th percentile (the 20th of 21, nearest rank) of 21 runs after warming up, in ms; a page
     * whose first run takes over 5 s is run 3 times only (its median and slowest are given).
     */
    private static double[] time(Callable<?> what) throws Exception {
        long first = System.nanoTime();
        what.call();
        boolean slow = System.nanoTime() - first > 5e9;
        for (int i = 1; i < (slow ? 1 : WARM_UP); i++) {
            what.call();
        }
        int runs = slow ? 3 : RUNS;
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            what.call();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        return new double[] {millis.get(runs / 2), millis.get((int) Math.ceil(runs * 0.95) - 1), runs};
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of each statement the page ran, with the values it was given. */
    private static void explain(ConfigurableApplicationContext context, String what, Callable<?> page)
            throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<QueryCounts.Statement> ran = QueryCounts.bound(page::call);
        Map<String, Long> times = ran.stream().collect(java.util.stream.Collectors.groupingBy(
                QueryCounts.Statement::sql, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
        System.out.println("### " + what + ": " + ran.size() + " statements, " + times.size() + " different");
        java.util.Set<String> explained = new java.util.HashSet<>();
        for (QueryCounts.Statement statement : ran) {
            String sql = statement.sql().strip();
            if (!explained.add(sql)) {
                continue;
            }
            System.out.println(sql.replaceAll("\\s+", " ") + "  -- " + statement.parameters()
                    + (times.get(statement.sql()) > 1 ? " (run " + times.get(statement.sql()) + " times)" : ""));
            if (!sql.regionMatches(true, 0, "select", 0, 6) && !sql.regionMatches(true, 0, "with", 0, 4)) {
                continue;
            }
            try {
                jdbc.query(connection -> {
                    PreparedStatement explaining = connection.prepareStatement("explain (analyze, buffers) " + sql);
                    for (int i = 0; i < statement.parameters().size(); i++) {
                        explaining.setObject(i + 1, statement.parameters().get(i));
                    }
                    return explaining;
                }, (ResultSet rs) -> {
                    while (rs.next()) {
                        System.out.println("    " + rs.getString(1));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                // an array parameter is freed once its statement ran: it cannot be bound again
                System.out.println("    (not explained: " + e.getMessage() + ")");
            }
        }
        System.out.println();
    }
}
