package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A password as NIST SP 800-63B-4 asks of one that is the only factor. */
class PasswordRulesTest {

    static final PasswordRules RULES = new PasswordRules("");
    static final List<String> CONTEXT = List.of("dana", "Dana Director", "Ceres Unified School District", "ceres-usd");

    @Test
    void fifteenToSixtyFourCharactersOfAnyKindWithoutCompositionRules() {
        assertThatThrownBy(() -> RULES.check("fourteen chars", CONTEXT))
                .hasMessageContaining("at least 15 characters (this one has 14)");
        assertThatCode(() -> RULES.check("only lowercase words", CONTEXT)).doesNotThrowAnyException();
        assertThatCode(() -> RULES.check("ünïcödé wörds ôf mïnë", CONTEXT)).doesNotThrowAnyException();
        assertThatCode(() -> RULES.check("x".repeat(0) + "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6",
                CONTEXT)).as("64 characters").doesNotThrowAnyException();
        assertThatThrownBy(() -> RULES.check("long ".repeat(13), CONTEXT)).hasMessageContaining("at most 64");
        // NFKC-normalized before it is checked and hashed: full-width letters typed on a phone are the letters
        assertThat(PasswordRules.normalized("ｗｉｄｅ ｌｅｔｔｅｒｓ")).isEqualTo("wide letters");
        assertThatThrownBy(() -> RULES.check("ＳＴＥＷＡＲＤ and my dog", CONTEXT)).hasMessageContaining("'steward'");
    }

    @Test
    void commonPasswordsContextWordsAndRepeatsAreRefused() {
        assertThatThrownBy(() -> RULES.check("1qaz2wsx3edc4rfv", CONTEXT)).hasMessageContaining("common or breached");
        assertThatThrownBy(() -> RULES.check("1QAZ2WSX3EDC4RFV", CONTEXT)).hasMessageContaining("common or breached");
        assertThatThrownBy(() -> RULES.check("my Ceres password!!", CONTEXT)).hasMessageContaining("'ceres'");
        assertThatThrownBy(() -> RULES.check("director of the band", CONTEXT)).hasMessageContaining("'director'");
        assertThatThrownBy(() -> RULES.check("steward is my friend", CONTEXT)).hasMessageContaining("'steward'");
        assertThatThrownBy(() -> RULES.check("abababababababab", CONTEXT)).hasMessageContaining("repeats");
    }

    @Test
    void theOperatorsListReplacesTheBuiltInOne() throws Exception {
        Path list = Files.createTempFile("blocked", ".txt");
        Files.writeString(list, "# our own\nmaroon and gold forever\n");
        PasswordRules own = new PasswordRules(list.toString());
        assertThatThrownBy(() -> own.check("Maroon and Gold forever", List.of())).hasMessageContaining("common");
        assertThatCode(() -> own.check("1qaz2wsx3edc4rfv", List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new PasswordRules("/nowhere/list.txt")).hasMessageContaining("cannot be read");
    }
}
