package org.steward.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.List;
import java.util.Map;

import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.DeviceSeen;
import org.steward.engine.events.EmailSent;
import org.steward.engine.events.Login;
import org.steward.engine.events.SoftwareInstalled;
import org.steward.engine.events.WebRequest;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * A rule's condition in CEL over the event's fields, parsed and type-checked once when the pack is loaded and
 * evaluated as a planned program for each event that passes the rule's kind, category and time filters.
 * The program is planned when the condition is first evaluated: CEL's runtime, with its standard library of several
 * hundred functions, is built only when a log holds events a condition looks at (most proxy logs hold none).
 * The fields are documented in docs/activity-rules.md.
 */
public final class Condition {

    /** A condition that does not compile: where in the expression, and why. */
    public record Problem(int line, int column, String message) {
    }

    /** Thrown when a condition does not compile. */
    public static final class Invalid extends Exception {
        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.isEmpty() ? "invalid condition" : problems.get(0).message());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** A field a condition can use: its name, its type and the events that have it, in a person's words. */
    public record Field(String name, String type, String events, String meaning) {
    }

    private static final List<Field> REFERENCE = List.of(
            new Field("kind", "text", "all", "web, email, login, device or software"),
            new Field("person", "text", "all", "the account, the holder of the address's lease, or the address"),
            new Field("user", "text", "all", "the account as the log names it"),
            new Field("client", "text", "all", "the address the event came from"),
            new Field("duty", "true or false", "all", "during duty time by the district's calendar"),
            new Field("hour", "whole number", "all", "the local hour of the day, 0 to 23"),
            new Field("site", "text", "all", "the district site of the address, if known"),
            new Field("categories", "list of texts", "web", "the host's categories in the category lists"),
            new Field("new_visit", "true or false", "web", "the request opens a visit to its site"),
            new Field("blocked", "true or false", "web", "the proxy or its filter refused the request"),
            new Field("host", "text", "web", "the site's host name, in lower case"),
            new Field("url", "text", "web", "the address requested"),
            new Field("path", "text", "web", "the address's path and query"),
            new Field("method", "text", "web", "GET, POST, CONNECT, ..."),
            new Field("content_type", "text", "web", "the answer's type, as text/html"),
            new Field("status", "whole number", "web", "the answer's HTTP status, as 200"),
            new Field("bytes", "whole number", "web", "bytes transferred (1 MB is 1048576)"),
            new Field("elapsed_ms", "whole number", "web", "milliseconds connected (1 minute is 60000)"),
            new Field("sender", "text", "email", "the sender's address"),
            new Field("recipients", "whole number", "email", "how many recipients"),
            new Field("external_recipients", "whole number", "email", "how many outside the district"),
            new Field("recipient_lists", "list of texts", "email", "the mailing lists it went to"),
            new Field("attachment_types", "list of texts", "email", "the attachments' types"),
            new Field("encrypted", "true or false", "email, device", "the message or the device is encrypted"),
            new Field("account", "text", "login", "the account signing in"),
            new Field("success", "true or false", "login", "the sign-in succeeded"),
            new Field("device", "text", "login, device, software", "the device's name"),
            new Field("device_type", "text", "device", "usb_storage or unknown_mac"),
            new Field("mac", "text", "device", "the device's hardware address"),
            new Field("package_name", "text", "software", "the software package installed"));

    static final Map<String, CelType> FIELDS = fields();
    private static final CelCompiler COMPILER = compiler();

    /** CEL's runtime, built the first time a condition is evaluated. */
    private static final class Runtime {
        static final CelRuntime INSTANCE = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    }

    private final String expression;
    private final CelAbstractSyntaxTree ast;
    private volatile CelRuntime.Program program;

    private Condition(String expression, CelAbstractSyntaxTree ast) {
        this.expression = expression;
        this.ast = ast;
    }

    public static Condition compile(String expression) throws Invalid {
        try {
            return new Condition(expression, COMPILER.compile(expression).getAst());
        } catch (CelValidationException e) {
            List<Problem> problems = new ArrayList<>();
            List<String> lines = expression.lines().toList();
            for (CelIssue issue : e.getErrors()) {
                int line = issue.getSourceLocation().getLine();
                int column = issue.getSourceLocation().getColumn() + 1;
                // Steward declares no container, so CEL's naming of it tells nobody anything
                String message = issue.getMessage().replace(" (in container '')", "");
                String text = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
                problems.add(new Problem(line, column, PlainProblems.of(message, text, column, FIELDS.keySet())));
                if (message.contains("input '") || message.startsWith("token recognition error")
                        || message.startsWith("missing '")) {
                    break; // what the parser says after its first error follows from that one
                }
            }
            throw new Invalid(problems);
        }
    }

    /** The planned program; a checked expression always plans, so a failure here is CEL's own. */
    private CelRuntime.Program program() {
        CelRuntime.Program planned = program;
        if (planned == null) {
            try {
                planned = Runtime.INSTANCE.createProgram(ast);
            } catch (CelEvaluationException e) {
                throw new IllegalStateException("CEL could not plan the checked condition " + expression, e);
            }
            program = planned;
        }
        return planned;
    }

    /** Every field a condition can use, as the rule page lists them. */
    public static List<Field> reference() {
        return REFERENCE;
    }

    public String expression() {
        return expression;
    }

    /** True when the condition holds; an evaluation error (say, a division by zero) counts as not holding. */
    public boolean test(Observation o, boolean duty, int hour) {
        try {
            return Boolean.TRUE.equals(program().eval(name -> Optional.ofNullable(value(o, duty, hour, name))));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /**
     * The value of one field for an event, looked up only when the condition reads it; fields of another kind are
     * empty, zero or false.
     */
    static Object value(Observation o, boolean duty, int hour, String name) {
        ActivityEvent e = o.event();
        WebRequest w = e instanceof WebRequest web ? web : null;
        EmailSent m = e instanceof EmailSent mail ? mail : null;
        Login l = e instanceof Login login ? login : null;
        DeviceSeen d = e instanceof DeviceSeen device ? device : null;
        SoftwareInstalled s = e instanceof SoftwareInstalled software ? software : null;
        return switch (name) {
            case "kind" -> e.kind().label();
            case "person" -> o.person();
            case "user" -> e.user();
            case "client" -> e.client();
            case "duty" -> duty;
            case "hour" -> (long) hour;
            case "categories" -> o.categories().names();
            case "site" -> o.site() == null ? "" : o.site();
            case "new_visit" -> o.newVisit();
            case "blocked" -> w != null && w.blocked();
            case "host" -> w == null ? "" : w.host();
            case "url" -> w == null ? "" : w.url();
            case "path" -> w == null ? "" : w.path();
            case "method" -> w == null ? "" : w.method();
            case "status" -> w == null ? 0L : (long) w.status();
            case "bytes" -> w == null ? 0L : w.bytes();
            case "elapsed_ms" -> w == null ? 0L : w.elapsedMs();
            case "content_type" -> w == null ? "" : w.contentType();
            case "sender" -> m == null ? "" : m.sender();
            case "recipients" -> m == null ? 0L : (long) m.recipientCount();
            case "external_recipients" -> m == null ? 0L : (long) m.externalRecipients();
            case "recipient_lists" -> m == null ? List.of() : m.recipientLists();
            case "attachment_types" -> m == null ? List.of() : m.attachmentTypes();
            case "encrypted" -> m != null ? m.encrypted() : d != null && d.encrypted();
            case "account" -> l == null ? "" : l.account();
            case "device" -> l != null ? l.device() : d != null ? d.device() : s != null ? s.device() : "";
            case "success" -> l != null && l.success();
            case "device_type" -> d == null ? "" : d.type().name().toLowerCase(Locale.ROOT);
            case "mac" -> d == null ? "" : d.mac();
            case "package_name" -> s == null ? "" : s.packageName();
            default -> null;
        };
    }

    private static Map<String, CelType> fields() {
        Map<String, CelType> f = new HashMap<>();
        for (Field field : REFERENCE) {
            f.put(field.name(), switch (field.type()) {
                case "text" -> SimpleType.STRING;
                case "whole number" -> SimpleType.INT;
                case "true or false" -> SimpleType.BOOL;
                case "list of texts" -> ListType.create(SimpleType.STRING);
                default -> throw new IllegalStateException("No CEL type for " + field);
            });
        }
        return Map.copyOf(f);
    }

    private static CelCompiler compiler() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        FIELDS.forEach(builder::addVar);
        return builder.build();
    }
}
