package org.steward.engine.parse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.DeviceSeen;
import org.steward.engine.events.EmailSent;
import org.steward.engine.events.Login;
import org.steward.engine.events.SoftwareInstalled;
import org.steward.engine.events.WebRequest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Steward JSON lines: one object a line with a {@code kind} of web, email, login, device or software, as
 * documented in docs/activity-json-lines.md. A line that is not one gets a reason instead, in {@link #problem()}.
 */
public final class JsonLineParser {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Interner hosts = new Interner(true);
    private String problem;

    public String problem() {
        return problem;
    }

    public ActivityEvent parse(String line, long lineNumber) {
        problem = null;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            return refuse("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return refuse("not a JSON object");
        }
        String kind = text(node, "kind");
        if (kind.isEmpty()) {
            return refuse("no kind (web, email, login, device or software)");
        }
        long time = time(node.get("time"));
        if (time == Long.MIN_VALUE) {
            return null;
        }
        String user = text(node, "user").isEmpty() ? "-" : text(node, "user");
        String client = text(node, "client").isEmpty() ? "-" : text(node, "client");
        ActivityEvent event = switch (kind.toLowerCase(Locale.ROOT)) {
            case "web" -> web(node, time, user, client, lineNumber, line);
            case "email" -> new EmailSent(time, user, client, required(node, "sender"), (int) number(node, "recipients"),
                    texts(node, "recipient_lists"), (int) number(node, "external_recipients"),
                    texts(node, "attachment_types"), node.path("encrypted").asBoolean(false), lineNumber, line);
            case "login" -> new Login(time, user, text(node, "source").isEmpty() ? client : text(node, "source"),
                    required(node, "account"), text(node, "device"), bool(node, "success"), lineNumber, line);
            case "device" -> device(node, time, user, client, lineNumber, line);
            case "software" -> new SoftwareInstalled(time, user, client, required(node, "device"),
                    required(node, "package"), text(node, "version"), lineNumber, line);
            default -> refuse("unknown kind '" + kind + "' (web, email, login, device or software)");
        };
        return problem == null ? event : null;
    }

    private ActivityEvent web(JsonNode node, long time, String user, String client, long lineNumber, String line) {
        String url = required(node, "url");
        if (problem != null) {
            return null;
        }
        String method = text(node, "method").isEmpty() ? "GET" : text(node, "method").toUpperCase(Locale.ROOT);
        byte[] bytes = url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int scheme = SquidLineParser.schemeEnd(bytes, 0, bytes.length);
        String host = "";
        int end = url.length();
        if (!url.regionMatches(true, 0, "error:", 0, 6)) {
            if (scheme < 0 && url.startsWith("/")) {
                return refuse("url '" + url + "' has no host");
            }
            int hostStart = Math.max(0, scheme);
            int hostEnd = SquidLineParser.authorityEnd(bytes, hostStart, bytes.length);
            host = SquidLineParser.hostOfAuthority(bytes, hostStart, hostEnd, hosts);
            if (host.isEmpty()) {
                return refuse("url '" + url + "' has no host");
            }
            end = new String(bytes, 0, hostEnd, java.nio.charset.StandardCharsets.UTF_8).length();
        }
        return new WebRequest(time, Math.max(0, number(node, "elapsed_ms")), client, text(node, "result"),
                (int) number(node, "status"), Math.max(0, number(node, "bytes")), method, url, host, end, user,
                text(node, "content_type"), lineNumber, line);
    }

    private ActivityEvent device(JsonNode node, long time, String user, String client, long lineNumber, String line) {
        String type = required(node, "type").toLowerCase(Locale.ROOT);
        DeviceSeen.Type parsed = switch (type) {
            case "usb_storage" -> DeviceSeen.Type.USB_STORAGE;
            case "unknown_mac" -> DeviceSeen.Type.UNKNOWN_MAC;
            default -> null;
        };
        if (parsed == null) {
            return problem == null ? refuse("device type '" + type + "' is neither usb_storage nor unknown_mac") : null;
        }
        if (parsed == DeviceSeen.Type.UNKNOWN_MAC && text(node, "mac").isEmpty()) {
            return refuse("an unknown_mac device event needs its mac");
        }
        return new DeviceSeen(time, user, client, parsed, text(node, "device"), text(node, "mac"),
                node.path("encrypted").asBoolean(false), lineNumber, line);
    }

    private long time(JsonNode time) {
        if (time == null || time.isNull()) {
            refuse("no time");
            return Long.MIN_VALUE;
        }
        if (time.isNumber()) {
            if (!time.canConvertToLong()) {
                refuse("time '" + time + "' is out of range");
                return Long.MIN_VALUE;
            }
            return time.asLong();
        }
        if (!time.isString()) {
            refuse("time '" + time + "' is neither an ISO-8601 instant nor epoch milliseconds");
            return Long.MIN_VALUE;
        }
        try {
            return Instant.parse(time.asString()).toEpochMilli();
        } catch (DateTimeParseException e) {
            refuse("time '" + time.asString() + "' is neither an ISO-8601 instant nor epoch milliseconds");
            return Long.MIN_VALUE;
        } catch (ArithmeticException e) { // an instant millions of years away: no epoch millisecond holds it
            refuse("time '" + time.asString() + "' is out of range");
            return Long.MIN_VALUE;
        }
    }

    private String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value.isEmpty() && problem == null) {
            problem = "no " + field;
        }
        return value;
    }

    private boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            if (problem == null) {
                problem = field + " must be true or false";
            }
            return false;
        }
        return value.asBoolean();
    }

    /** A field as text; one holding a NUL character (no source writes one, and no text column stores it) is refused. */
    private String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        String text = value == null || value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
        if (text.indexOf('\u0000') >= 0) {
            refuse(field + " holds a NUL character");
            return "";
        }
        return text;
    }

    private long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isNumber()) {
            if (problem == null) {
                problem = field + " '" + value + "' is not a number";
            }
            return 0;
        }
        return value.asLong();
    }

    private List<String> texts(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String text = value.get(i).isString() ? value.get(i).asString() : value.get(i).toString();
                if (text.indexOf('\u0000') >= 0) {
                    refuse(field + " holds a NUL character");
                }
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    private ActivityEvent refuse(String reason) {
        if (problem == null) {
            problem = reason;
        }
        return null;
    }
}
