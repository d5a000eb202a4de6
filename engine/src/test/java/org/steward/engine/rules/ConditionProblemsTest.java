package org.steward.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A condition that does not compile is told in the words of the person who wrote it, at the column where it goes
 * wrong, and never as the parser's list of tokens.
 */
class ConditionProblemsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            host ==                 | 8  | The condition ends before `host ==` has something to compare with.
            host == 'a' &&          | 15 | The condition ends after `&&`: say what else must hold.
            hots == 'a'             | 1  | There is no field `hots` (did you mean `host`?). The fields a condition can use are listed with it.
            host == 1               | 6  | `==` cannot compare a text with a whole number. Compare like with like: text in quotes, numbers without them.
            size(categories) > 1.5  | 18 | `>` cannot compare a whole number with a decimal number. Compare like with like: text in quotes, numbers without them, whole numbers without a decimal point.
            bytes                   | 1  | A condition must come out true or false; this one comes out a whole number. Compare it with something, as in `bytes > 52428800`.
            host = 'x'              | 6  | A single `=` is not a comparison: write `==` to compare.
            bytes > 5 and duty      | 11 | Write `&&` for "and".
            hour > 8 &              | 10 | Write `&&` for "and".
            (host == 'a'            | 13 | A `(` is not closed: add a `)` where what it groups ends.
            host == 'a')            | 12 | This `)` closes nothing: there is no `(` before it.
            bytes > 50MB            | 11 | Numbers take no units in a condition: bytes and milliseconds are counted as they are (50 MB is `bytes > 52428800`). A threshold can be set in MB or minutes instead.
            host.startsWith(1)      | 16 | `startsWith` does not take a whole number; it takes a text.
            bytes >> 5              | 8  | `>` cannot come here, after `bytes >`.
            """)
    void aProblemIsSaidPlainlyAtItsColumn(String condition, int column, String message) {
        assertThatThrownBy(() -> Condition.compile(condition)).isInstanceOfSatisfying(Condition.Invalid.class,
                invalid -> assertThat(invalid.problems()).singleElement().isEqualTo(
                        new Condition.Problem(1, column, message)));
    }

    @Test
    void aTextNotClosedIsOneProblemNotTheParsersCascade() {
        assertThatThrownBy(() -> Condition.compile("host == \"games.example")).isInstanceOfSatisfying(
                Condition.Invalid.class, invalid -> assertThat(invalid.problems()).singleElement().satisfies(p -> {
                    assertThat(p.column()).isEqualTo(9);
                    assertThat(p.message()).isEqualTo("This text is not closed: end it with the quote it starts "
                            + "with (\").");
                }));
    }

    @Test
    void typeProblemsOfSeveralPartsAreAllTold() {
        assertThatThrownBy(() -> Condition.compile("hots == 'a' && bites > 5")).isInstanceOfSatisfying(
                Condition.Invalid.class, invalid -> assertThat(invalid.problems())
                        .extracting(Condition.Problem::column).containsExactly(1, 16));
    }

    @Test
    void everyFieldOfTheReferenceCompilesAndTheDocumentationListsIt() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "activity-rules.md"));
        for (Condition.Field field : Condition.reference()) {
            String test = switch (field.type()) {
                case "text" -> field.name() + " == ''";
                case "whole number" -> field.name() + " > 0";
                case "true or false" -> field.name();
                case "list of texts" -> "size(" + field.name() + ") > 0";
                default -> throw new AssertionError(field.type());
            };
            assertThat(Condition.compile(test).expression()).isEqualTo(test);
            assertThat(docs).as("docs/activity-rules.md lists " + field.name()).contains("`" + field.name() + "`");
        }
    }
}
