package org.steward.stream.job;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A line the job could not count, told with where it was and why, its text cut as the engine's samples are. */
final class BadLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BadLines() {
    }

    static Told told(String district, String source, long line, String reason, byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 1200), StandardCharsets.UTF_8);
        ObjectNode json = JSON.createObjectNode();
        json.put("source", source);
        json.put("line", line);
        json.put("reason", reason);
        // kept as text: a NUL (which PostgreSQL stores in no text) as the symbol for it
        json.put("text", (text.length() > 300 ? text.substring(0, 300) + "…" : text).replace('\u0000', '\u2400'));
        return new Told(Told.Kind.BAD_LINE, Told.State.FINAL, district, source + "\t" + line, json.toString());
    }
}
