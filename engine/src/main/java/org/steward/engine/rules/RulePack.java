package org.steward.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.steward.engine.events.ActivityEvent;

/**
 * A district's rules, read from YAML (format in docs/activity-rules.md). Every rule is checked when the pack is
 * loaded, its CEL condition parsed and type-checked; an error names the rule, and the line and column of the
 * pack where it is.
 */
public record RulePack(List<Rule> rules) {

    static final String DEFAULT = "/org/steward/engine/default-rules.yaml";

    /** A pack that cannot be loaded: each problem names the rule, line and column. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public RulePack {
        rules = List.copyOf(rules);
    }

    /**
     * Steward's default pack: every prohibited use the five policies name, each linked to the clause of each.
     * Read and compiled once: a pack is immutable.
     */
    public static RulePack defaults() {
        return Default.PACK;
    }

    private static final class Default {
        static final RulePack PACK = parse(defaultText(), "default-rules.yaml");
    }

    public static String defaultText() {
        try (InputStream in = RulePack.class.getResourceAsStream(DEFAULT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RulePack read(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rule pack " + file, e);
        }
    }

    public static RulePack parse(String yaml, String source) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("");
            throw new Invalid(List.of(source + where + ": not YAML: " + e.getProblem()));
        }
        List<String> problems = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        Node rulesNode = root.map(r -> child(r, "rules")).orElse(null);
        if (!(rulesNode instanceof SequenceNode sequence)) {
            throw new Invalid(List.of(source + ": no list of rules (a 'rules:' key holding a list)"));
        }
        Set<String> ids = new HashSet<>();
        for (Node node : sequence.getValue()) {
            Reader reader = new Reader(source, node, problems);
            Rule rule = reader.rule();
            if (rule != null && !ids.add(rule.id())) {
                problems.add(reader.at(node) + ": rule " + rule.id() + " is defined twice");
            } else if (rule != null) {
                rules.add(rule);
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new RulePack(rules);
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    /** Reads one rule, collecting every problem rather than stopping at the first. */
    private static final class Reader {
        private final String source;
        private final Node node;
        private final List<String> problems;
        private String id = "?";

        Reader(String source, Node node, List<String> problems) {
            this.source = source;
            this.node = node;
            this.problems = problems;
        }

        String at(Node n) {
            Mark mark = n.getStartMark().orElse(null);
            return mark == null ? source : source + " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        }

        private void problem(Node where, String message) {
            problems.add("rule " + id + ", " + at(where).replace(source + " ", "") + ": " + message);
        }

        Rule rule() {
            if (!(node instanceof MappingNode)) {
                problems.add(at(node) + ": a rule is a mapping with id, title, clauses and more");
                return null;
            }
            int before = problems.size();
            id = scalar("id", null);
            if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
                problems.add(at(node) + ": a rule needs an id of lower-case letters, digits and dashes");
                id = "?";
            }
            String title = scalar("title", "");
            if (title.isEmpty()) {
                problem(node, "no title");
            }
            Rule.Severity severity = choice("severity", Rule.Severity.class, Rule.Severity.MEDIUM);
            Set<ActivityEvent.Kind> kinds = EnumSet.noneOf(ActivityEvent.Kind.class);
            for (String kind : list("kinds", List.of("web"))) {
                try {
                    kinds.add(ActivityEvent.Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problem(child(node, "kinds"), "unknown kind '" + kind + "' (web, email, login, device, software)");
                }
            }
            List<String> categories = list("categories", List.of());
            Rule.TimeFilter time = choice("time", Rule.TimeFilter.class, Rule.TimeFilter.ALWAYS);
            Condition condition = condition();
            Rule.Threshold threshold = threshold();
            Map<String, String> clauses = new LinkedHashMap<>();
            Node clauseNode = child(node, "clauses");
            if (clauseNode instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    clauses.put(text(tuple.getKeyNode()), text(tuple.getValueNode()));
                }
            }
            if (clauses.isEmpty()) {
                problem(clauseNode == null ? node : clauseNode,
                        "no clauses: name the clause each policy uses to forbid this (policy: clause id)");
            }
            if (problems.size() > before) {
                return null;
            }
            return new Rule(id, title, severity, kinds, categories, time, condition, threshold, clauses);
        }

        private Condition condition() {
            Node conditionNode = child(node, "condition");
            if (conditionNode == null) {
                return null;
            }
            if (!(conditionNode instanceof ScalarNode scalar)) {
                problem(conditionNode, "a condition is one CEL expression");
                return null;
            }
            try {
                return Condition.compile(scalar.getValue());
            } catch (Condition.Invalid e) {
                Mark mark = conditionNode.getStartMark().orElse(null);
                for (Condition.Problem p : e.problems()) {
                    boolean quoted = scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
                            || scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED;
                    boolean sameLine = p.line() <= 1 && (scalar.getScalarStyle() == ScalarStyle.PLAIN || quoted);
                    int line = mark == null ? p.line() : mark.getLine() + (sameLine ? 1 : p.line() + 1);
                    int column = mark == null ? p.column()
                            : sameLine ? mark.getColumn() + (quoted ? 1 : 0) + p.column() : p.column();
                    problems.add("rule " + id + ", line " + line + ", column " + column + ": condition: "
                            + p.message());
                }
                return null;
            }
        }

        private Rule.Threshold threshold() {
            Node t = child(node, "threshold");
            if (t == null) {
                return Rule.Threshold.ONCE_A_DAY;
            }
            Rule.Measure measure = Rule.Measure.COUNT;
            long atLeast = 1;
            Rule.Window window = Rule.Window.DAY;
            String m = text(child(t, "measure"));
            String n = text(child(t, "at_least"));
            String w = text(child(t, "window"));
            try {
                if (!m.isEmpty()) {
                    measure = Rule.Measure.valueOf(m.toUpperCase(Locale.ROOT));
                }
            } catch (IllegalArgumentException e) {
                problem(child(t, "measure"), "measure '" + m + "' is not count, visits, bytes or seconds");
            }
            try {
                if (!n.isEmpty()) {
                    atLeast = Long.parseLong(n);
                }
                if (atLeast < 1) {
                    problem(child(t, "at_least"), "at_least must be 1 or more");
                }
            } catch (NumberFormatException e) {
                problem(child(t, "at_least"), "at_least '" + n + "' is not a whole number");
            }
            try {
                if (!w.isEmpty()) {
                    window = Rule.Window.valueOf(w.toUpperCase(Locale.ROOT));
                }
            } catch (IllegalArgumentException e) {
                problem(child(t, "window"), "window '" + w + "' is not hour, day or week");
            }
            return new Rule.Threshold(measure, atLeast, window);
        }

        private <E extends Enum<E>> E choice(String key, Class<E> type, E otherwise) {
            Node value = child(node, key);
            if (value == null) {
                return otherwise;
            }
            try {
                return Enum.valueOf(type, text(value).toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                List<String> allowed = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                problem(value, key + " '" + text(value) + "' is not one of " + String.join(", ", allowed));
                return otherwise;
            }
        }

        private String scalar(String key, String otherwise) {
            Node value = child(node, key);
            return value == null ? otherwise : text(value);
        }

        private List<String> list(String key, List<String> otherwise) {
            Node value = child(node, key);
            if (value == null) {
                return otherwise;
            }
            if (value instanceof SequenceNode sequence) {
                return sequence.getValue().stream().map(RulePack::text).toList();
            }
            return List.of(text(value));
        }
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
    }
}
