package org.steward.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import org.steward.engine.rules.Finding;
import org.steward.engine.usage.UsageRow;

import tools.jackson.core.JsonGenerator;
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

    /** One finding a line, written field by field: 35,000 findings with their evidence are 37 MB. */
    public static void findings(List<Finding> findings, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = JSON.createGenerator(out)) {
            for (Finding f : findings) {
                json.writeStartObject();
                json.writeStringProperty("rule", f.rule());
                json.writeStringProperty("title", f.title());
                json.writeStringProperty("severity", f.severity().name().toLowerCase(Locale.ROOT));
                json.writeName("clauses");
                json.writeStartObject();
                for (Map.Entry<String, String> clause : f.clauses().entrySet()) {
                    json.writeStringProperty(clause.getKey(), clause.getValue());
                }
                json.writeEndObject();
                json.writeStringProperty("person", f.person());
                json.writeStringProperty("window_start", Instant.ofEpochMilli(f.windowStart()).toString());
                json.writeStringProperty("first", Instant.ofEpochMilli(f.first()).toString());
                json.writeStringProperty("last", Instant.ofEpochMilli(f.last()).toString());
                json.writeNumberProperty("count", f.count());
                json.writeNumberProperty("measured", f.measured());
                json.writeName("evidence");
                json.writeStartArray();
                for (Finding.Evidence e : f.evidence()) {
                    json.writeStartObject();
                    json.writeStringProperty("source", e.source());
                    json.writeNumberProperty("line", e.line());
                    json.writeStringProperty("text", e.text());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
