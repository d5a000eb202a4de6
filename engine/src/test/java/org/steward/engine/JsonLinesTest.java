package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.events.DeviceSeen;
import org.steward.engine.events.EmailSent;
import org.steward.engine.parse.JsonLineParser;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;

class JsonLinesTest {

    final JsonLineParser parser = new JsonLineParser();

    @Test
    void readsEachKind() {
        assertThat(parser.parse("""
                {"kind":"email","time":"2026-01-05T16:00:00Z","user":"pat","sender":"pat@district.org",
                 "recipients":1200,"recipient_lists":["All District"],"external_recipients":0,
                 "attachment_types":["pdf"],"encrypted":false}""".replace("\n", ""), 1))
                .isInstanceOfSatisfying(EmailSent.class, e -> {
                    assertThat(e.recipientCount()).isEqualTo(1200);
                    assertThat(e.recipientLists()).containsExactly("All District");
                });
        assertThat(parser.parse("{\"kind\":\"device\",\"time\":1767628800000,\"type\":\"usb_storage\","
                + "\"device\":\"LAP-0042\",\"encrypted\":false,\"user\":\"pat\"}", 2))
                .isInstanceOfSatisfying(DeviceSeen.class, d -> assertThat(d.type()).isEqualTo(DeviceSeen.Type.USB_STORAGE));
        assertThat(parser.parse("{\"kind\":\"web\",\"time\":1767628800000,\"url\":\"https://Example.com/x\"}", 3))
                .isNotNull();
        assertThat(parser.parse("{\"kind\":\"login\",\"time\":1767628800000,\"account\":\"lee\",\"success\":true}", 4))
                .isNotNull();
        assertThat(parser.parse("{\"kind\":\"software\",\"time\":1767628800000,\"device\":\"D1\",\"package\":\"x\"}", 5))
                .isNotNull();
    }

    @Test
    void refusesBadLinesWithTheReason() {
        assertThat(parser.parse("{not json", 1)).isNull();
        assertThat(parser.problem()).startsWith("not JSON");
        assertThat(parser.parse("{\"time\":1}", 1)).isNull();
        assertThat(parser.problem()).startsWith("no kind");
        assertThat(parser.parse("{\"kind\":\"fax\",\"time\":1}", 1)).isNull();
        assertThat(parser.problem()).contains("unknown kind 'fax'");
        assertThat(parser.parse("{\"kind\":\"email\",\"time\":\"yesterday\"}", 1)).isNull();
        assertThat(parser.problem()).contains("'yesterday'");
        assertThat(parser.parse("{\"kind\":\"login\",\"time\":1,\"account\":\"a\",\"success\":\"yes\"}", 1)).isNull();
        assertThat(parser.problem()).contains("success must be true or false");
        assertThat(parser.parse("{\"kind\":\"device\",\"time\":1,\"type\":\"unknown_mac\"}", 1)).isNull();
        assertThat(parser.problem()).contains("needs its mac");
        // an instant no epoch millisecond holds is a bad line, not an exception out of the reader
        assertThat(parser.parse("{\"kind\":\"web\",\"time\":\"+300000000-01-01T00:00:00Z\",\"url\":\"http://a.com/\"}",
                1)).isNull();
        assertThat(parser.problem()).contains("out of range");
    }

    @Test
    void massEmailAndUnencryptedStorageRaiseFindingsWithTheirClauses(@TempDir Path dir) throws Exception {
        Path log = Files.write(dir.resolve("events.jsonl"), List.of(
                "{\"kind\":\"email\",\"time\":\"2026-01-05T16:00:00Z\",\"user\":\"pat\",\"sender\":\"pat@d.org\","
                        + "\"recipients\":3,\"recipient_lists\":[\"All-Staff\"]}",
                "{\"kind\":\"email\",\"time\":\"2026-01-05T16:05:00Z\",\"user\":\"pat\",\"sender\":\"pat@d.org\","
                        + "\"recipients\":2}",
                "not json at all",
                "{\"kind\":\"device\",\"time\":\"2026-01-05T17:00:00Z\",\"user\":\"lee\",\"type\":\"usb_storage\","
                        + "\"device\":\"LAP-1\",\"encrypted\":false}",
                "{\"kind\":\"device\",\"time\":\"2026-01-05T17:00:00Z\",\"user\":\"kim\",\"type\":\"usb_storage\","
                        + "\"device\":\"LAP-2\",\"encrypted\":true}"));
        Analyzer.Result result = new Analyzer(new Analyzer.Settings(CategoryIndex.builder(4).build(), c -> c,
                RulePack.defaults(), WorkCalendar.standard(ZoneId.of("America/Los_Angeles")), Leases.NONE, 1,
                Duration.ofMinutes(5).toMillis(), 5)).analyze(List.of(log));

        assertThat(result.findings()).extracting(Finding::rule, Finding::person).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("mass-email", "pat"),
                org.assertj.core.groups.Tuple.tuple("unencrypted-portable-storage", "lee"));
        assertThat(result.findings()).filteredOn(f -> f.rule().equals("mass-email")).singleElement()
                .satisfies(f -> assertThat(f.clauses()).containsEntry("clovis", "C.12").containsEntry("unnamed", "11"));
        assertThat(result.badLines().count()).isEqualTo(1);
        assertThat(result.badLines().samples().get(0).line()).isEqualTo(3);
    }
}
