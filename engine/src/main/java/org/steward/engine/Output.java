package org.steward.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.steward.engine.rules.Finding;
import org.steward.engine.usage.UsageRow;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Writes usage.csv and findings.jsonl. */
public final class Output {

    public static final String USAGE_HEADER =
            "date,person,site,visits,seconds_connected,requests,elapsed_ms,bytes,categories";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Output() {
    }

    public static void usage(List<UsageRow> rows, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(USAGE_HEADER);
            out.write('\n');
            for (UsageRow r : rows) {
                out.write(r.date().toString());
                out.write(',');
                out.write(csv(r.person()));
                out.write(',');
                out.write(csv(r.site()));
                out.write(',' + Long.toString(r.visits()) + ',' + r.secondsConnected() + ',' + r.requests() + ','
                        + r.elapsedMs() + ',' + r.bytes() + ',');
                out.write(csv(r.categories()));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public static void findings(List<Finding> findings, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Finding f : findings) {
                out.write(JSON.writeValueAsString(asJson(f)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static Map<String, Object> asJson(Finding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", f.rule());
        json.put("title", f.title());
        json.put("severity", f.severity().name().toLowerCase());
        json.put("clauses", f.clauses());
        json.put("person", f.person());
        json.put("window_start", Instant.ofEpochMilli(f.windowStart()).toString());
        json.put("first", Instant.ofEpochMilli(f.first()).toString());
        json.put("last", Instant.ofEpochMilli(f.last()).toString());
        json.put("count", f.count());
        json.put("measured", f.measured());
        json.put("evidence", f.evidence().stream().map(e -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("source", e.source());
            line.put("line", e.line());
            line.put("text", e.text());
            return line;
        }).toList());
        return json;
    }

    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
