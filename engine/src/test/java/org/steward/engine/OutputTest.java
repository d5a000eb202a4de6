package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void writesInstantsExactlyAsJavaDoes() {
        assertThat(Output.instant(1_767_600_000_000L)).isEqualTo("2026-01-05T08:00:00Z");
        assertThat(Output.instant(1_767_600_000_250L)).isEqualTo("2026-01-05T08:00:00.250Z");
        assertThat(Output.instant(-1L)).isEqualTo(Instant.ofEpochMilli(-1L).toString());
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong() % 400_000_000_000_000L;
            assertThat(Output.instant(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }

    @Test
    void quotesCsvFieldsOnlyWhenTheyNeedIt() {
        assertThat(Output.csv("example.org")).isEqualTo("example.org");
        assertThat(Output.csv("games|gambling")).isEqualTo("games|gambling");
        assertThat(Output.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(Output.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
