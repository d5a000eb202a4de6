package org.steward.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.StewardApplication;
import org.steward.activity.CategoryLists;
import org.steward.activity.Ingestion;
import org.steward.activity.InternetUse;
import org.steward.activity.Sources;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * Activity in the app on the embedded PostgreSQL. A benchmark, not a test: the figures go to docs/benchmarks.md.
 * <ul>
 *   <li>{@code ingest LOG UT1} (UT1 folder, 13 categories): a Squid log ingested through {@link Ingestion} into
 *   usage, hours and findings, from the call to the committed run;</li>
 *   <li>{@code report STAFF}: a district of STAFF staff with a year of school days of usage (15 sites a person a
 *   day), then a person's one-year report ({@link InternetUse#person}) timed for many people.</li>
 * </ul>
 * Run: see docs/benchmarks.md ("Activity in the app").
 */
public final class ActivityBenchmark {

    /** The 13 categories ../shared/bench/peers.sh gives squidGuard. */
    static final List<String> CATEGORIES = List.of("gambling", "games", "audio-video", "redirector",
            "social_networks", "warez", "malware", "phishing", "shopping", "webmail", "filehosting", "chat", "dating");

    public static void main(String[] args) throws IOException {
        // report STAFF DIR keeps its database under DIR, and its data for the next run
        String kept = args[0].equals("report") && args.length > 2 ? args[2] : null;
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", String.valueOf(kept == null),
                "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0",
                "steward.activity.dir", Files.createTempDirectory("steward-bench").toString(),
                "steward.activity.syslog", "false",
                "steward.activity.watched", System.getProperty("java.io.tmpdir") + "/steward-watched/{district}"));
        try (ConfigurableApplicationContext context = kept == null ? application.run()
                : application.run("--steward.db.data-dir=" + kept)) {
            Districts districts = context.getBean(Districts.class);
            District district = districts.findAll().stream().filter(d -> d.slug().equals("bench")).findFirst()
                    .orElseGet(() -> districts.save(District.named("bench", "Bench USD", Instant.now())));
            if (args[0].equals("ingest")) {
                ingest(context, district.id(), Path.of(args[1]), Path.of(args[2]));
            } else {
                report(context, district.id(), Integer.parseInt(args[1]));
            }
        }
    }

    static void ingest(ConfigurableApplicationContext context, long districtId, Path log, Path ut1)
            throws IOException {
        // under the folder the server grants the bench district
        Path lists = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                "steward-watched", "bench")), "lists");
        for (String category : CATEGORIES) {
            Path from = ut1.resolve(category);
            if (Files.isDirectory(from)) {
                try (var files = Files.list(from)) {
                    Files.createDirectories(lists.resolve(category));
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.copy(file, lists.resolve(category).resolve(file.getFileName()));
                    }
                }
            }
        }
        context.getBean(CategoryLists.class).installFolder(districtId, lists, "bench");
        Sources.Source source = context.getBean(Sources.class).create(districtId,
                Sources.Setup.of("Proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "bench");
        Ingestion ingestion = context.getBean(Ingestion.class);
        long t = System.nanoTime();
        Ingestion.Run run;
        try (InputStream in = Files.newInputStream(log)) {
            run = ingestion.ingest(districtId, source.id(), in, log.getFileName().toString(), "bench");
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("ingested %s: %s, %,d lines (%,d bad), %,d people, %,d sites, %,d usage rows, "
                        + "%,d findings in %.2f s (the run's own figure: %,d lines a second)%n",
                log.getFileName(), run.status(), run.lines(), run.badLines(), run.people(), run.sites(),
                run.usageRows(), run.findings(), seconds, run.linesPerSecond());
    }

    static void report(ConfigurableApplicationContext context, long districtId, int staff) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        LocalDate to = LocalDate.of(2026, 11, 20);
        LocalDate from = to.minusYears(1).plusDays(1);
        if (jdbc.sql("select count(*) from staff where district_id = ?").param(districtId).query(Long.class)
                .single() == 0) {
            generate(jdbc, districtId, staff, from, to);
        }
        InternetUse use = context.getBean(InternetUse.class);
        List<Long> ids = jdbc.sql("select id from staff where district_id = ? order by id").param(districtId)
                .query(Long.class).list();
        int[] next = {0};
        Supplier<InternetUse.Report> oneYear = () -> use.person(districtId,
                InternetUse.Who.staff(ids.get((next[0]++ * 37) % ids.size())), from, to, 20);
        time("first one-year person report (cold)", 1, oneYear);
        time("one-year person report, a different person each time", 50, oneYear);
        Supplier<InternetUse.Report> byAccount = () -> use.person(districtId,
                InternetUse.Who.parse("e" + (1 + (next[0]++ * 37) % staff)), from, to, 20);
        time("one-year report of an account nobody on the roster holds", 50, byAccount);
        InternetUse.Report sample = oneYear.get();
        System.out.printf("a report: %,d visits, %,d sites, %d categories, %,d requests by hour%n",
                sample.totals().visits(), sample.totals().sites(), sample.categories().size(),
                java.util.Arrays.stream(sample.hours()).sum());
    }


    /** STAFF staff, a year of school days: 15 sites a person a day, and the day's requests by hour. */
    static void generate(JdbcClient jdbc, long districtId, int staff, LocalDate from, LocalDate to) {
        long start = System.nanoTime();
        jdbc.sql("insert into site (district_id, code, name) values (?, 'S1', 'School 1')").param(districtId)
                .update();
        jdbc.sql("""
                insert into staff (district_id, employee_id, first_name, last_name, email, site_id, job_function,
                                   hire_date, status, source)
                select ?, 'E' || i, 'First' || i, 'Last' || i, 'e' || i || '@bench.example',
                       (select min(id) from site where district_id = ?), 'Teacher', date '2010-08-01', 'ACTIVE',
                       'bench'
                  from generate_series(1, ?) i""").params(districtId, districtId, staff).update();
        // 15 sites a school day for everyone: 5 the person's own habits, 10 from a pool of 300 shared sites
        jdbc.sql("""
                insert into activity_usage (district_id, day, person, staff_id, site, visits, millis, requests,
                                            elapsed_ms, bytes, categories)
                select ?, d, 'e' || s.n, s.id, case when k <= 5 then 'own' || (s.n % 97 + k) || '.example'
                                                     else 'site' || ((s.n * 7 + k * 13 + (d - date '2000-01-01')) % 300)
                                                          || '.example' end,
                       1 + k % 3, 60000 * (1 + k), 20 + k, 5000, 100000 * k,
                       case when k = 15 then array['games'] when k = 14 then array['audio-video']
                            else '{}'::text[] end
                  from (select id, substring(employee_id from 2)::int as n from staff where district_id = ?) s
                 cross join (select g::date as d from generate_series(?::date, ?::date, interval '1 day') g) days
                 cross join generate_series(1, 15) k
                 where extract(isodow from d) < 6
                on conflict do nothing""").params(districtId, districtId, from, to).update();
        jdbc.sql("""
                insert into activity_hours (district_id, day, person, requests)
                select ?, d, 'e' || substring(s.employee_id from 2),
                       array[0,0,0,0,0,0,0,10,40,50,40,30,60,40,50,30,10,0,0,0,0,0,0,0]::bigint[]
                  from staff s
                 cross join (select g::date as d from generate_series(?::date, ?::date, interval '1 day') g) days
                 where s.district_id = ? and extract(isodow from d) < 6""")
                .params(districtId, from, to, districtId).update();
        jdbc.sql("analyze").update();
        System.out.printf("data: %,d staff, %,d usage rows, %,d hour rows, made in %.1f s%n", staff,
                jdbc.sql("select count(*) from activity_usage").query(Long.class).single(),
                jdbc.sql("select count(*) from activity_hours").query(Long.class).single(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void time(String what, int runs, Supplier<?> report) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            report.get();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%s: median %.0f ms, 95th percentile %.0f ms, slowest %.0f ms (%d runs)%n", what,
                millis.get(runs / 2), millis.get(Math.min(runs - 1, runs * 95 / 100)), millis.get(runs - 1), runs);
    }
}
