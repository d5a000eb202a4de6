package org.steward.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.StewardApplication;
import org.steward.devices.Device;
import org.steward.devices.DeviceImport;
import org.steward.devices.Inventory;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * A district of 60,000 devices (students' Chromebooks included): the import of its CSV, then the device list's pages
 * (the first page, a later page, filtered by site and type, a text search), on the embedded PostgreSQL. A benchmark,
 * not a test: the figures go to docs/benchmarks.md.
 */
public final class DeviceInventoryBenchmark {

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", "true", "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0"));
        try (ConfigurableApplicationContext context = application.run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long id = context.getBean(Districts.class).save(District.named("bench", "Bench USD", Instant.now())).id();
            jdbc.sql("insert into site (district_id, code, name) select ?, 'S' || i, 'School ' || i "
                    + "from generate_series(1, 40) i").param(id).update();
            StringBuilder csv = new StringBuilder("asset_tag,serial_number,type,model,funding_source,purchase_date,"
                    + "purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status\n");
            String[] types = {"laptop", "laptop", "laptop", "tablet", "hotspot", "desktop", "phone", "portable_storage"};
            for (int i = 0; i < devices; i++) {
                csv.append("A-%06d,SN%08d,%s,Model %d,ESSER,2024-07-01,349.00,S%d,%s,yes,2026-11-01,yes,\n"
                        .formatted(i, i, types[i % types.length], i % 12, 1 + i % 40,
                                "3c:52:82:%02x:%02x:%02x".formatted((i >> 16) & 255, (i >> 8) & 255, i & 255)));
            }
            byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
            Inventory inventory = context.getBean(Inventory.class);
            long start = System.nanoTime();
            DeviceImport imported = inventory.importFile(id, "devices.csv", file);
            System.out.printf("import of %,d devices (%.1f MB): %.1f s, %d created, problems %s%n", devices,
                    file.length / 1e6, (System.nanoTime() - start) / 1e9, imported.created(), imported.problems());
            long again = System.nanoTime();
            DeviceImport unchanged = inventory.importFile(id, "devices.csv", file);
            System.out.printf("the same file again: %.1f s, %d unchanged%n", (System.nanoTime() - again) / 1e9,
                    unchanged.unchanged());
            jdbc.sql("analyze").update();
            Long site = jdbc.sql("select min(id) from site where district_id = ?").param(id).query(Long.class).single();
            time("first page", () -> inventory.search(id, "", null, null, null, 0, 100));
            time("page 300", () -> inventory.search(id, "", null, null, null, 300 * 100, 100));
            time("one site's laptops", () -> inventory.search(id, "", site, Device.Type.LAPTOP, null, 0, 100));
            time("text search 'A-0421'", () -> inventory.search(id, "A-0421", null, null, null, 0, 100));
        }
    }

    private static void time(String what, Supplier<?> page) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            page.get();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        double first = millis.get(0);
        Collections.sort(millis);
        System.out.printf("%s: first %.0f ms, median %.0f ms, slowest %.0f ms (21 runs)%n", what, first,
                millis.get(10), millis.get(20));
    }
}
