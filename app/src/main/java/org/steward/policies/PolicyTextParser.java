package org.steward.policies;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a policy's plain text, as a district has it, into a tree of clauses whose ids come from the document's own
 * numbering: Roman sections (Ceres "II.D.5"), lettered sections (Clovis "C.27"), numbered items with lettered
 * sub-items (Stanislaus "9.g"), named headings, and a signature page with its statements and blanks (Oak Park).
 * A document with several unheaded numbered lists gets a section per list, named from the sentence that introduces
 * it ("prohibited.6"). Page-header noise (repeated district names, file names) is dropped; every other line of text
 * ends up in some clause.
 */
final class PolicyTextParser {

    private static final Pattern ROMAN = Pattern.compile("^([IVX]{1,4})\\.\\s+(.+)$");
    private static final Pattern LETTER = Pattern.compile("^([A-Z])\\.\\s+(.+)$");
    private static final Pattern NUMBER = Pattern.compile("^(\\d{1,2})\\.\\s+(.+)$");
    private static final Pattern SUB_ITEM = Pattern.compile("^(?:[-•]\\s*)?\\(?([a-z])[.)]\\s+(.+)$");
    private static final Pattern CROSS_REFERENCE = Pattern.compile("^\\(c\\.?\\s?f\\..*\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^[-•]\\s+(.+)$");
    private static final Pattern REFERENCE_HEADING = Pattern.compile("^([A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2}):$");
    private static final Pattern HISTORY = Pattern.compile(
            "^(Adopted|Amended|Revised|Approved|Reviewed)(?: on)?:\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LABELED = Pattern.compile("^([A-Z][^:]{0,80}?):\\s+(.+)$");
    private static final Pattern FILE_NAME = Pattern.compile("^[\\w-]+\\.(docx?|pdf)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE_WORDS = Pattern.compile("(?i)technology|acceptable use|electronic|policy");
    private static final Pattern BLANK = Pattern.compile("_{3,}");

    private static final int SECTION = 1, LETTERED = 2, NUMBERED = 3, SUB = 4;

    private PolicyTextParser() {
    }

    static ParsedPolicy parse(String document) {
        List<String> units = units(document);
        int frontEnd = frontMatterEnd(units);
        List<String> front = units.subList(0, frontEnd);
        List<String> body = units.subList(frontEnd, units.size());
        String title = front.stream().filter(l -> TITLE_WORDS.matcher(l).find()).reduce((a, b) -> b)
                .orElse(front.isEmpty() ? "Untitled policy" : front.get(front.size() - 1));

        List<Clause> clauses = new Builder(false).build(body);
        long rootLists = clauses.stream()
                .filter(c -> c.parentKey() == null && c.kind() == ClauseKind.ITEM && c.label().equals("1."))
                .count();
        if (rootLists > 1) {
            clauses = new Builder(true).build(body);
        }
        return new ParsedPolicy(title, String.join("\n", front), clauses);
    }

    /** Lines of text with emphasis marks, blank lines and page-header noise removed and broken sentences re-joined. */
    static List<String> units(String document) {
        String text = document.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ')
                .replace("****", "\n").replace("**", "")
                .replaceAll("(?<![\\w*])\\*([^*\\n]+)\\*(?![\\w*])", "$1");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(line.strip());
        }
        String firstLine = lines.stream().filter(l -> !l.isEmpty()).findFirst().orElse("");
        Map<String, Integer> occurrences = new HashMap<>();
        lines.forEach(l -> occurrences.merge(l, 1, Integer::sum));

        List<String> units = new ArrayList<>();
        boolean first = true;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (!first && isNoise(line, firstLine, occurrences.get(line))) {
                continue;
            }
            first = false;
            boolean continuation = Character.isLowerCase(line.charAt(0)) && !SUB_ITEM.matcher(line).matches();
            if (continuation && !units.isEmpty()) {
                units.set(units.size() - 1, units.get(units.size() - 1) + " " + line);
            } else {
                units.add(line);
            }
        }
        return units;
    }

    private static boolean isNoise(String line, String firstLine, int occurrences) {
        if (FILE_NAME.matcher(line).matches()) {
            return true;
        }
        boolean marker = ROMAN.matcher(line).matches() || LETTER.matcher(line).matches()
                || NUMBER.matcher(line).matches();
        if (marker || line.length() > 60) {
            return false;
        }
        boolean upperCase = line.chars().anyMatch(Character::isLetter) && line.chars().noneMatch(Character::isLowerCase);
        if (upperCase && occurrences > 1) {
            return true;
        }
        return line.length() >= 10 && firstLine.toLowerCase(Locale.ROOT).contains(line.toLowerCase(Locale.ROOT));
    }

    private static int frontMatterEnd(List<String> units) {
        int end = 0;
        while (end < units.size() && isFrontMatter(units.get(end))) {
            end++;
        }
        // A one-word heading just before the first paragraph ("PURPOSE") belongs to the body.
        if (end > 1 && end < units.size() && units.get(end - 1).split("\\s+").length == 1) {
            end--;
        }
        return end;
    }

    private static boolean isFrontMatter(String unit) {
        return unit.length() <= 100 && !ROMAN.matcher(unit).matches() && !LETTER.matcher(unit).matches()
                && !NUMBER.matcher(unit).matches() && !BULLET.matcher(unit).matches()
                && !HISTORY.matcher(unit).matches();
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 48 ? slug.substring(0, 48).replaceAll("-$", "") : slug;
    }

    /** One clause while it is being built. */
    private static final class Node {
        final String key;
        final Node parent;
        final ClauseKind kind;
        final String label;
        final int level;
        final boolean implicit;
        String title;
        final StringBuilder text = new StringBuilder();
        int children;
        int paragraphs;
        int statements;

        Node(String key, Node parent, ClauseKind kind, String label, String title, int level, boolean implicit) {
            this.key = key;
            this.parent = parent;
            this.kind = kind;
            this.label = label;
            this.title = title;
            this.level = level;
            this.implicit = implicit;
        }

        void append(String more, String separator) {
            if (text.length() > 0) {
                text.append(separator);
            }
            text.append(more);
        }

        Clause toClause() {
            String body = text.toString();
            return new Clause(key, parent == null ? null : parent.key, kind, label, title, body,
                    Laws.referencedBy(title + "\n" + body));
        }
    }

    private static final class Builder {
        private final boolean implicitSections;
        private final List<Node> nodes = new ArrayList<>();
        private final Deque<Node> open = new ArrayDeque<>();
        private final Set<String> keys = new HashSet<>();
        private Node last;
        private int rootParagraphs;
        private int history;
        private int implicitLists;

        Builder(boolean implicitSections) {
            this.implicitSections = implicitSections;
        }

        List<Clause> build(List<String> units) {
            for (String unit : units) {
                accept(unit);
            }
            return nodes.stream().map(Node::toClause).toList();
        }

        private void accept(String unit) {
            Node signaturePage = open.isEmpty() || open.peekLast().kind != ClauseKind.SIGNATURE_PAGE
                    ? null : open.peekLast();
            Matcher m;
            if (signaturePage != null && BLANK.matcher(unit).find()) {
                String label = unit.substring(0, unit.indexOf("__")).replaceAll("[:\\s]+$", "").strip();
                add(signaturePage, ClauseKind.SIGNATURE_FIELD, slug(label), "", label, "", SUB, false);
            } else if ((m = ROMAN.matcher(unit)).matches() && isRoman(m.group(1))) {
                open.clear();
                Node section = add(null, ClauseKind.SECTION, m.group(1), m.group(1) + ".", "", "", SECTION, false);
                titleOrText(section, m.group(2));
                open.push(section);
            } else if ((m = LETTER.matcher(unit)).matches()) {
                popTo(SECTION);
                Node parent = open.isEmpty() || open.peek().kind != ClauseKind.SECTION || open.peek().implicit
                        || !open.peek().label.matches("[IVX]+\\.") ? null : open.peek();
                if (parent == null) {
                    open.clear();
                }
                Node section = add(parent, ClauseKind.SECTION, m.group(1), m.group(1) + ".", "", "", LETTERED, false);
                titleOrText(section, m.group(2));
                open.push(section);
            } else if ((m = NUMBER.matcher(unit)).matches()) {
                popTo(LETTERED);
                Node parent = open.peek();
                if (parent == null && implicitSections && m.group(1).equals("1")) {
                    parent = openImplicitSection();
                }
                Node item = add(parent, ClauseKind.ITEM, m.group(1), m.group(1) + ".", "", m.group(2), NUMBERED, false);
                open.push(item);
            } else if ((m = SUB_ITEM.matcher(unit)).matches()) {
                popTo(NUMBERED);
                Node parent = last != null && last.kind == ClauseKind.STATEMENT ? last : open.peek();
                if (parent != null && parent.kind == ClauseKind.ITEM && parent.level == SUB) {
                    parent = parent.parent;
                }
                add(parent, ClauseKind.ITEM, m.group(1), m.group(1) + ".", "", m.group(2), SUB, false);
                if (parent != null && parent.kind == ClauseKind.STATEMENT) {
                    last = parent; // the statement's list goes on
                }
            } else if (CROSS_REFERENCE.matcher(unit).matches()) {
                Node target = open.stream().filter(n -> n.level <= NUMBERED).findFirst().orElse(last);
                appendTo(target, unit);
            } else if ((m = BULLET.matcher(unit)).matches()) {
                appendTo(last, "• " + m.group(1));
            } else if ((m = HISTORY.matcher(unit)).matches()) {
                open.clear();
                add(null, ClauseKind.HISTORY, "history-" + (++history), "", capitalized(m.group(1)), m.group(2), 0, false);
            } else if ((m = REFERENCE_HEADING.matcher(unit)).matches()) {
                open.clear();
                Node section = add(null, ClauseKind.SECTION, slug(m.group(1)), "", m.group(1), "", SECTION, false);
                open.push(section);
            } else if (isHeading(unit)) {
                open.clear();
                boolean signature = unit.toLowerCase(Locale.ROOT).contains("signature");
                Node section = add(null, signature ? ClauseKind.SIGNATURE_PAGE : ClauseKind.SECTION,
                        signature ? "signature" : slug(unit), "", unit, "", SECTION, false);
                open.push(section);
            } else if ((m = LABELED.matcher(unit)).matches() && isLabel(m.group(1))) {
                Node parent = paragraphParent();
                ClauseKind kind = isSignature(parent) ? ClauseKind.STATEMENT : ClauseKind.PARAGRAPH;
                add(parent, kind, slug(m.group(1)), "", m.group(1), m.group(2), SUB + 1, false);
            } else {
                paragraph(unit);
            }
        }

        private void paragraph(String unit) {
            Node parent = paragraphParent();
            if (parent != null && parent.children == 0 && parent.kind == ClauseKind.SECTION) {
                parent.append(unit, "\n\n");
                last = parent;
                return;
            }
            if (isSignature(parent) && unit.startsWith("I ")) {
                add(parent, ClauseKind.STATEMENT, "s" + (++parent.statements), "", "", unit, SUB + 1, false);
                return;
            }
            String suffix = "p" + (parent == null ? ++rootParagraphs : ++parent.paragraphs);
            add(parent, ClauseKind.PARAGRAPH, suffix, "", "", unit, SUB + 1, false);
        }

        /** Text without a number belongs to the enclosing heading; it ends a list that has none. */
        private Node paragraphParent() {
            popTo(LETTERED);
            if (!open.isEmpty() && open.peek().implicit) {
                open.clear();
            }
            return open.peek();
        }

        private Node openImplicitSection() {
            implicitLists++;
            Node intro = last != null && last.parent == null && last.kind == ClauseKind.PARAGRAPH ? last : null;
            String sentence = intro == null ? "" : lastSentence(intro.text.toString()).toLowerCase(Locale.ROOT);
            String key;
            String title;
            if (sentence.contains("prohibited")) {
                key = "prohibited";
                title = "Prohibited conduct";
            } else if (sentence.contains("compliance") || sentence.contains("laws")) {
                key = "laws";
                title = "Laws";
            } else if (implicitLists == 1) {
                key = "statements";
                title = "Statements";
            } else {
                key = "list-" + implicitLists;
                title = "List " + implicitLists;
            }
            if (intro != null) {
                nodes.remove(intro);
                keys.remove(intro.key);
            }
            Node section = add(null, ClauseKind.SECTION, key, "", title, "", SECTION, true);
            if (intro != null) {
                section.append(intro.text.toString(), "\n\n");
            }
            open.push(section);
            return section;
        }

        private static String lastSentence(String text) {
            String[] sentences = text.strip().split("(?<=[.:;])\\s+(?=[A-Z])");
            return sentences[sentences.length - 1];
        }

        private boolean isRoman(String numeral) {
            if (numeral.length() > 1) {
                return true;
            }
            // "I." after "H." is a letter (Ceres I.I, Clovis I); before any letter it opens Roman section I.
            char letter = numeral.charAt(0);
            Node previousLetter = nodes.stream().filter(n -> n.level == LETTERED).reduce((a, b) -> b).orElse(null);
            if (previousLetter != null && previousLetter.key.endsWith(String.valueOf((char) (letter - 1)))) {
                return false;
            }
            return previousLetter == null || nodes.stream().anyMatch(n -> n.label.matches("[IVX]+\\."));
        }

        private boolean isHeading(String unit) {
            boolean inReferences = !open.isEmpty() && open.peekLast().kind == ClauseKind.SECTION
                    && open.peekLast().label.isEmpty() && !open.peekLast().implicit
                    && REFERENCE_HEADING.matcher(open.peekLast().title + ":").matches();
            if (inReferences || unit.length() > 60 || unit.split("\\s+").length > 8) {
                return false;
            }
            char end = unit.charAt(unit.length() - 1);
            return Character.isUpperCase(unit.charAt(0)) && ".;,:".indexOf(end) < 0
                    && unit.chars().noneMatch(Character::isDigit) && !unit.contains("__");
        }

        private static boolean isLabel(String label) {
            return label.split("\\s+").length <= 12 && label.chars().noneMatch(Character::isDigit)
                    && !label.contains("http");
        }

        private static boolean isSignature(Node node) {
            return node != null && node.kind == ClauseKind.SIGNATURE_PAGE;
        }

        private void popTo(int level) {
            while (!open.isEmpty() && open.peek().level > level) {
                open.pop();
            }
        }

        private void titleOrText(Node section, String rest) {
            if (rest.length() <= 80 && !rest.endsWith(".")) {
                section.title = rest;
            } else {
                section.append(rest, "\n\n");
            }
        }

        private void appendTo(Node target, String line) {
            if (target == null) {
                paragraph(line);
            } else {
                target.append(line, "\n");
            }
        }

        private Node add(Node parent, ClauseKind kind, String suffix, String label, String title, String text,
                         int level, boolean implicit) {
            String key = parent == null ? suffix : parent.key + "." + suffix;
            String unique = key;
            for (int n = 2; keys.contains(unique); n++) {
                unique = key + "-" + n;
            }
            keys.add(unique);
            Node node = new Node(unique, parent, kind, label, title, level, implicit);
            node.append(text, "\n");
            if (parent != null) {
                parent.children++;
            }
            nodes.add(node);
            last = node;
            return node;
        }

        private static String capitalized(String word) {
            return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT);
        }
    }
}
