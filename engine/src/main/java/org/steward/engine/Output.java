package org.steward.engine;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
            "date,person,site,visits,seconds_connected,requests,elapsed_ms,bytes,blocked,categories";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Output() {
    }

    public static void usage(List<UsageRow> rows, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(USAGE_HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(160);
            LocalDate lastDate = null;
            String date = "";
            for (UsageRow r : rows) {
                if (!r.date().equals(lastDate)) {
                    lastDate = r.date();
                    date = lastDate.toString();
                }
                out.append(row(line, date, r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * A row of usage.csv. Each row and finding is written by a method of its own, compiled as any hot method is: the
     * loops that call them stay small for the JIT to compile while they run (on-stack replacement).
     */
    private static StringBuilder row(StringBuilder line, String date, UsageRow r) {
        line.setLength(0);
        return line.append(date).append(',').append(csv(r.person())).append(',').append(csv(r.site())).append(',')
                .append(r.visits()).append(',').append(r.secondsConnected()).append(',')
                .append(r.requests()).append(',').append(r.elapsedMs()).append(',').append(r.bytes())
                .append(',').append(r.blocked()).append(',').append(csv(r.categories())).append('\n');
    }

    /** One finding a line, written field by field: 35,000 findings with their evidence are 37 MB. */
    public static void findings(List<Finding> findings, Path file) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator json = JSON.createGenerator(out)) {
            for (Finding f : findings) {
                finding(json, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void finding(JsonGenerator json, Finding f) {
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
        json.writeStringProperty("window_start", instant(f.windowStart()));
        json.writeStringProperty("first", instant(f.first()));
        json.writeStringProperty("last", instant(f.last()));
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
        json.writeRaw('\n');
    }

    /** As {@link Instant#toString()} writes epoch milliseconds ("2026-01-05T16:00:00Z", "…:00.250Z"), faster. */
    static String instant(long millis) {
        long seconds = Math.floorDiv(millis, 1000);
        int fraction = (int) Math.floorMod(millis, 1000);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return Instant.ofEpochMilli(millis).toString();
        }
        char[] c = new char[fraction == 0 ? 20 : 24];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        if (fraction != 0) {
            c[19] = '.';
            digits(c, 20, fraction, 3);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
