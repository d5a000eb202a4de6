package org.steward.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String expression;
    private final CelRuntime.Program program;

    private Condition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    public static Condition compile(String expression) throws Invalid {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new Condition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            List<Problem> problems = new ArrayList<>();
            for (CelIssue issue : e.getErrors()) {
                problems.add(new Problem(issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn() + 1, issue.getMessage()));
            }
            throw new Invalid(problems);
        } catch (CelEvaluationException e) {
            throw new Invalid(List.of(new Problem(1, 1, e.getMessage())));
        }
    }

    public String expression() {
        return expression;
    }

    /** True when the condition holds; an evaluation error (say, a division by zero) counts as not holding. */
    public boolean test(Observation o, boolean duty, int hour) {
        try {
            return Boolean.TRUE.equals(program.eval(activation(o, duty, hour)));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    static Map<String, Object> activation(Observation o, boolean duty, int hour) {
        Map<String, Object> vars = new HashMap<>(32);
        vars.put("kind", o.event().kind().label());
        vars.put("person", o.person());
        vars.put("user", o.event().user());
        vars.put("client", o.event().client());
        vars.put("duty", duty);
        vars.put("hour", (long) hour);
        vars.put("categories", o.categories().names());
        vars.put("site", o.site() == null ? "" : o.site());
        vars.put("new_visit", o.newVisit());
        vars.put("host", "");
        vars.put("url", "");
        vars.put("path", "");
        vars.put("method", "");
        vars.put("status", 0L);
        vars.put("bytes", 0L);
        vars.put("elapsed_ms", 0L);
        vars.put("content_type", "");
        vars.put("sender", "");
        vars.put("recipients", 0L);
        vars.put("external_recipients", 0L);
        vars.put("recipient_lists", List.of());
        vars.put("attachment_types", List.of());
        vars.put("encrypted", false);
        vars.put("account", "");
        vars.put("device", "");
        vars.put("success", false);
        vars.put("device_type", "");
        vars.put("mac", "");
        vars.put("package", "");
        if (o.event() instanceof WebRequest w) {
            vars.put("host", w.host());
            vars.put("url", w.url());
            vars.put("path", w.path());
            vars.put("method", w.method());
            vars.put("status", (long) w.status());
            vars.put("bytes", w.bytes());
            vars.put("elapsed_ms", w.elapsedMs());
            vars.put("content_type", w.contentType());
        } else if (o.event() instanceof EmailSent e) {
            vars.put("sender", e.sender());
            vars.put("recipients", (long) e.recipientCount());
            vars.put("external_recipients", (long) e.externalRecipients());
            vars.put("recipient_lists", e.recipientLists());
            vars.put("attachment_types", e.attachmentTypes());
            vars.put("encrypted", e.encrypted());
        } else if (o.event() instanceof Login l) {
            vars.put("account", l.account());
            vars.put("device", l.device());
            vars.put("success", l.success());
        } else if (o.event() instanceof DeviceSeen d) {
            vars.put("device", d.device());
            vars.put("device_type", d.type().name().toLowerCase());
            vars.put("mac", d.mac());
            vars.put("encrypted", d.encrypted());
        } else if (o.event() instanceof SoftwareInstalled s) {
            vars.put("device", s.device());
            vars.put("package", s.packageName());
        }
        return vars;
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
        for (String name : List.of("duty", "new_visit", "encrypted", "success")) {
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
