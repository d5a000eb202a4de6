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
            for (CelIssue issue : e.getErrors()) {
                problems.add(new Problem(issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn() + 1,
                        // Steward declares no container, so CEL's naming of it tells nobody anything
                        issue.getMessage().replace(" (in container '')", "")));
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
            case "package" -> s == null ? "" : s.packageName();
            default -> null;
        };
    }

    private static Map<String, CelType> fields() {
        Map<String, CelType> f = new HashMap<>();
        for (String name : List.of("kind", "person", "user", "client", "site", "host", "url", "path", "method",
                "content_type", "sender", "account", "device", "device_type", "mac", "package")) {
            f.put(name, SimpleType.STRING);
        }
        for (String name : List.of("hour", "status", "bytes", "elapsed_ms", "recipients", "external_recipients")) {
            f.put(name, SimpleType.INT);
        }
        for (String name : List.of("duty", "new_visit", "blocked", "encrypted", "success")) {
            f.put(name, SimpleType.BOOL);
        }
        for (String name : List.of("categories", "recipient_lists", "attachment_types")) {
            f.put(name, ListType.create(SimpleType.STRING));
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
