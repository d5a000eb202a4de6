package org.steward.engine.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * CEL's messages in the words of the person who wrote the condition: what is wrong where, and what to write instead,
 * in place of the parser's list of the tokens it expected. A message this does not know keeps CEL's words, without
 * the token list.
 */
final class PlainProblems {

    private static final Pattern MISMATCHED = Pattern.compile("mismatched input '(.*)' expecting .*");
    private static final Pattern EXTRANEOUS = Pattern.compile("extraneous input '(.*)' expecting (.*)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("token recognition error at: '(.*)'");
    private static final Pattern MISSING = Pattern.compile("missing '(.*)' at '(.*)'");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '(.*)'");
    private static final Pattern OVERLOAD = Pattern.compile(
            "found no matching overload for '(.*)' applied to '(.*)'(?: \\(candidates: (.*)\\))?");
    private static final Pattern RESULT = Pattern.compile("expected type 'bool' but found '(.*)'");

    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("_==_", "=="),
            Map.entry("_!=_", "!="), Map.entry("_<_", "<"), Map.entry("_<=_", "<="), Map.entry("_>_", ">"),
            Map.entry("_>=_", ">="), Map.entry("_+_", "+"), Map.entry("_-_", "-"), Map.entry("_*_", "*"),
            Map.entry("_/_", "/"), Map.entry("_%_", "%"), Map.entry("_&&_", "&&"), Map.entry("_||_", "||"),
            Map.entry("!_", "!"), Map.entry("-_", "-"), Map.entry("@in", "in"));
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=", "in");
    private static final Set<String> UNITS = Set.of("b", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "s", "sec",
            "seconds", "min", "mins", "minutes", "h", "hours", "ms");

    private PlainProblems() {
    }

    /** {@code message} at {@code column} (1-based) of {@code line} of the condition, said plainly. */
    static String of(String message, String line, int column, Set<String> fields) {
        String before = line.substring(0, Math.max(0, Math.min(line.length(), column - 1))).strip();
        Matcher m;
        if ((m = MISMATCHED.matcher(message)).matches()) {
            return m.group(1).equals("<EOF>") ? endsTooSoon(before) : cannotComeHere(m.group(1), before);
        }
        if ((m = EXTRANEOUS.matcher(message)).matches()) {
            String token = m.group(1);
            if (UNITS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                return "Numbers take no units in a condition: bytes and milliseconds are counted as they are "
                        + "(50 MB is `bytes > 52428800`). A threshold can be set in MB or minutes instead.";
            }
            if (token.equals(")")) {
                return "This `)` closes nothing: there is no `(` before it.";
            }
            return m.group(2).equals("<EOF>") ? "The condition was complete before " + quote(token)
                    + ": join another part with `&&` (and) or `||` (or)." : cannotComeHere(token, before);
        }
        if ((m = UNRECOGNIZED.matcher(message)).matches()) {
            String text = m.group(1).strip();
            if (text.startsWith("=")) {
                return "A single `=` is not a comparison: write `==` to compare.";
            }
            if (text.startsWith("&")) {
                return "Write `&&` for \"and\".";
            }
            if (text.startsWith("|")) {
                return "Write `||` for \"or\".";
            }
            if (text.startsWith("\"") || text.startsWith("'")) {
                return "This text is not closed: end it with the quote it starts with (" + text.charAt(0) + ").";
            }
            return quote(text) + " is not something a condition can hold.";
        }
        if ((m = MISSING.matcher(message)).matches()) {
            return m.group(1).equals(")") ? "A `(` is not closed: add a `)` where what it groups ends."
                    : "A " + m.group(1) + " is missing here.";
        }
        if ((m = UNDECLARED.matcher(message)).matches()) {
            String name = m.group(1);
            String nearest = fields.stream().filter(f -> distance(f, name) <= 2)
                    .min(Comparator.comparingInt((String f) -> distance(f, name)).thenComparing(f -> f))
                    .orElse(null);
            return "There is no field " + quote(name) + (nearest == null ? "" : " (did you mean " + quote(nearest) + "?)")
                    + ". The fields a condition can use are listed with it.";
        }
        if ((m = OVERLOAD.matcher(message)).matches()) {
            return mismatch(m.group(1), m.group(2), m.group(3));
        }
        if ((m = RESULT.matcher(message)).matches()) {
            return "A condition must come out true or false; this one comes out " + typeName(m.group(1))
                    + ". Compare it with something, as in `bytes > 52428800`.";
        }
        return message.replaceAll(" expecting \\{.*}", "").replaceAll(" \\(candidates: .*\\)", "");
    }

    private static String endsTooSoon(String before) {
        String last = lastToken(before);
        if (COMPARISONS.contains(last)) {
            return "The condition ends before " + quote(tail(before)) + " has something to compare with.";
        }
        if (last.equals("&&") || last.equals("||")) {
            return "The condition ends after " + quote(last) + ": say what else must hold.";
        }
        return before.isEmpty() ? "The condition is empty." : "The condition ends too soon, after "
                + quote(tail(before)) + ".";
    }

    private static String cannotComeHere(String token, String before) {
        switch (token.toLowerCase(java.util.Locale.ROOT)) {
            case "and":
                return "Write `&&` for \"and\".";
            case "or":
                return "Write `||` for \"or\".";
            case "not":
                return "Write `!` for \"not\".";
            default:
                return quote(token) + " cannot come here" + (before.isEmpty() ? "" : ", after " + quote(tail(before)))
                        + ".";
        }
    }

    private static String mismatch(String function, String arguments, String candidates) {
        String operator = OPERATORS.get(function);
        List<String> types = splitTypes(arguments.replaceFirst("^[a-z.()]*?\\.\\(", "(")
                .replaceAll("^\\(|\\)$", ""));
        if (operator != null && COMPARISONS.contains(operator) && types.size() == 2) {
            return quote(operator) + " cannot compare " + typeName(types.get(0)) + " with " + typeName(types.get(1))
                    + ". Compare like with like: text in quotes, numbers without them"
                    + (types.contains("double") ? ", whole numbers without a decimal point." : ".");
        }
        if (operator != null) {
            return quote(operator) + " does not work on " + String.join(" and ", types.stream().map(PlainProblems::typeName)
                    .toList()) + ".";
        }
        String takes = candidates == null ? "" : candidates.replaceAll("[a-z]+\\.\\(", "(");
        return quote(function) + " does not take " + String.join(" and ", types.stream()
                .map(PlainProblems::typeName).toList()) + (takes.isEmpty() ? "" : "; it takes "
                + String.join(" or ", splitTypes(takes.replaceAll("^\\(|\\)$", "")).stream()
                .map(PlainProblems::typeName).toList())) + ".";
    }

    private static List<String> splitTypes(String list) {
        return java.util.Arrays.stream(list.split(",\\s*(?![^()]*\\))")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    static String typeName(String celType) {
        return switch (celType) {
            case "string" -> "a text";
            case "int", "uint" -> "a whole number";
            case "double" -> "a decimal number";
            case "bool" -> "true or false";
            case "list(string)" -> "a list of texts";
            case "null_type" -> "null";
            default -> celType;
        };
    }

    private static String lastToken(String text) {
        String[] tokens = text.split("\\s+");
        String last = tokens[tokens.length - 1];
        for (String op : List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">")) {
            if (last.endsWith(op)) {
                return op;
            }
        }
        return last;
    }

    /** The end of what comes before, enough to recognize it. */
    private static String tail(String text) {
        return text.length() <= 24 ? text : "..." + text.substring(text.length() - 21);
    }

    private static String quote(String text) {
        return "`" + text + "`";
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
