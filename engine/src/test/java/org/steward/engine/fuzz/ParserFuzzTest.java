package org.steward.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.WebRequest;
import org.steward.engine.parse.JsonLineParser;
import org.steward.engine.parse.SquidLineParser;

/**
 * Whatever a log line holds, the parsers either return an event or say why not; they never throw and never
 * return an event and a reason at once. In CI these run in Jazzer's regression mode over the seed corpus in
 * src/test/resources/org/steward/engine/fuzz/ParserFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void squidLines(FuzzedDataProvider data) {
        SquidLineParser parser = new SquidLineParser();
        String line = data.consumeRemainingAsString();
        WebRequest request = parser.parse(line, 1);
        if (request == null) {
            assertThat(parser.problem()).isNotBlank();
        } else {
            assertThat(parser.problem()).isNull();
            assertThat(request.elapsedMs()).isNotNegative();
            assertThat(request.bytes()).isNotNegative();
            assertThat(request.host()).isNotEmpty().isLowerCase();
            assertThat(request.pathStart()).isBetween(0, request.url().length());
            assertThat(request.raw()).isEqualTo(line);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void jsonLines(FuzzedDataProvider data) {
        JsonLineParser parser = new JsonLineParser();
        String line = data.consumeRemainingAsString();
        ActivityEvent event = parser.parse(line, 1);
        if (event == null) {
            assertThat(parser.problem()).isNotBlank();
        } else {
            assertThat(parser.problem()).isNull();
            assertThat(event.raw()).isEqualTo(line);
        }
    }
}
