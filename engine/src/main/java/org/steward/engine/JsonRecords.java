package org.steward.engine;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Rule;
import org.steward.engine.usage.UsageRow;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A usage row or a finding as one JSON object, and back: how a stream job's results travel on Kafka topics to the
 * app and to the job's local mode, which writes them with {@link Output} as the engine command does. A finding is
 * the object findings.jsonl holds; a usage row keeps its time connected in milliseconds, which usage.csv rounds.
 */
public final class JsonRecords {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonRecords() {
    }

    /** The finding as a line of findings.jsonl holds it, without the newline. */
    public static String finding(Finding finding) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            Output.finding(json, finding);
        }
        return text.toString().strip();
    }

    /** A finding from its JSON object; a record that is not one is refused with what is wrong. */
    public static Finding finding(String text) {
        JsonNode f = read(text);
        Map<String, String> clauses = new LinkedHashMap<>();
        f.required("clauses").properties().forEach(clause -> clauses.put(clause.getKey(), clause.getValue().asString()));
        List<Finding.Evidence> evidence = new ArrayList<>();
        for (JsonNode e : f.required("evidence")) {
            evidence.add(new Finding.Evidence(e.required("source").asString(), e.required("line").asLong(),
                    e.required("text").asString()));
        }
        return new Finding(f.required("rule").asString(), f.required("title").asString(),
                Rule.Severity.valueOf(f.required("severity").asString().toUpperCase(Locale.ROOT)), clauses,
                f.required("person").asString(), instant(f, "window_start"), instant(f, "first"), instant(f, "last"),
                f.required("count").asLong(), f.required("measured").asLong(), evidence);
    }

    /** The usage row as one JSON object, its time connected in milliseconds. */
    public static String usage(UsageRow row) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringProperty("date", row.date().toString());
            json.writeStringProperty("person", row.person());
            json.writeStringProperty("site", row.site());
            json.writeNumberProperty("visits", row.visits());
            json.writeNumberProperty("millis_connected", row.millisConnected());
            json.writeNumberProperty("requests", row.requests());
            json.writeNumberProperty("elapsed_ms", row.elapsedMs());
            json.writeNumberProperty("bytes", row.bytes());
            json.writeNumberProperty("blocked", row.blocked());
            json.writeStringProperty("categories", row.categories());
            json.writeEndObject();
        }
        return text.toString();
    }

    public static UsageRow usage(String text) {
        JsonNode r = read(text);
        return new UsageRow(LocalDate.parse(r.required("date").asString()), r.required("person").asString(),
                r.required("site").asString(), r.required("visits").asLong(), r.required("millis_connected").asLong(),
                r.required("requests").asLong(), r.required("elapsed_ms").asLong(), r.required("bytes").asLong(),
                r.required("blocked").asLong(), r.required("categories").asString());
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static long instant(JsonNode node, String field) {
        return Instant.parse(node.required(field).asString()).toEpochMilli();
    }
}
