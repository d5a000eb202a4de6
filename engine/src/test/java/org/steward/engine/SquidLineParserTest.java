package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.engine.events.WebRequest;
import org.steward.engine.parse.SquidLineParser;

class SquidLineParserTest {

    final SquidLineParser parser = new SquidLineParser();

    @Test
    void readsANativeLine() {
        WebRequest r = parser.parse("1677971735.123  567 192.168.1.100 TCP_MISS/200 5432 GET "
                + "http://Example.com:8080/index.html?q=1 user1 HIER_DIRECT/93.184.216.34 text/html", 7);
        assertThat(r.time()).isEqualTo(1677971735123L);
        assertThat(r.elapsedMs()).isEqualTo(567);
        assertThat(r.start()).isEqualTo(1677971734556L);
        assertThat(r.client()).isEqualTo("192.168.1.100");
        assertThat(r.result()).isEqualTo("TCP_MISS");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(5432);
        assertThat(r.host()).isEqualTo("example.com");
        assertThat(r.path()).isEqualTo("/index.html?q=1");
        assertThat(r.user()).isEqualTo("user1");
        assertThat(r.contentType()).isEqualTo("text/html");
        assertThat(r.line()).isEqualTo(7);
    }

    @Test
    void readsTheSameFromTheBytesOfALogAsFromText() {
        String line = "1677971735.123  567 10.0.0.9 TCP_MISS/200 5432 GET http://Bücher.DE/straße?x=ü "
                + "jörg HIER_DIRECT/93.184.216.34 text/html";
        byte[] log = ("first line\n" + line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int start = "first line\n".length();
        WebRequest fromBytes = parser.parse(log, start, log.length - 1, 2);
        WebRequest fromText = new SquidLineParser().parse(line, 2);
        for (WebRequest r : List.of(fromBytes, fromText)) {
            assertThat(r.host()).isEqualTo("bücher.de");
            assertThat(r.url()).isEqualTo("http://Bücher.DE/straße?x=ü");
            assertThat(r.path()).isEqualTo("/straße?x=ü");
            assertThat(r.user()).isEqualTo("jörg");
            assertThat(r.raw()).isEqualTo(line);
        }
    }

    @Test
    void readsTunnelsIpv6ClientsAndEmailUserNames() {
        WebRequest r = parser.parse("1677971740.678  234 2001:db8::1 TCP_TUNNEL/200 54321 CONNECT "
                + "secure.example.com:443 user@domain.com HIER_DIRECT/10.20.30.40 -", 1);
        assertThat(r.host()).isEqualTo("secure.example.com");
        assertThat(r.path()).isEmpty();
        assertThat(r.client()).isEqualTo("2001:db8::1");
        assertThat(r.user()).isEqualTo("user@domain.com");
    }

    @Test
    void readsLinesInsideSyslogHeaders() {
        String squid = "1677971735.123 567 10.0.0.5 TCP_MISS/200 5432 GET http://example.com/ - HIER_DIRECT/1.2.3.4 text/html";
        List<String> wrapped = List.of(
                "<134>Jan  5 08:00:00 proxy squid[1234]: " + squid,
                "Jan  5 08:00:00 proxy squid[1234]: " + squid,
                "<134>1 2026-01-05T08:00:00.000Z proxy squid 1234 - - " + squid,
                "<134>1 2026-01-05T08:00:00Z proxy squid 1234 ACCESS [meta seq=\"1\" note=\"a ] b\"] " + squid);
        for (String line : wrapped) {
            WebRequest r = parser.parse(line, 1);
            assertThat(r).as(line).isNotNull();
            assertThat(r.host()).isEqualTo("example.com");
            assertThat(r.raw()).isEqualTo(line);
        }
    }

    @Test
    void refusesWhatIsNotALogLineWithAReason() {
        assertThat(parser.parse("Unmatched! The rat the cat the dog chased killed ate the malt!", 3)).isNull();
        assertThat(parser.problem()).contains("'Unmatched!'");
        assertThat(parser.parse("1677971735.123 567 10.0.0.5 TCP_MISS/200", 4)).isNull();
        assertThat(parser.problem()).isEqualTo("only 4 of the 10 fields of a Squid access log line");
        assertThat(parser.parse("1677971735.123 567 10.0.0.5 TCP_MISS 10 GET http://a.com/ - H/- -", 5)).isNull();
        assertThat(parser.problem()).contains("not like TCP_MISS/200");
        assertThat(parser.parse("1677971735.123 567 10.0.0.5 TCP_MISS/200 ten GET http://a.com/ - H/- -", 6)).isNull();
        assertThat(parser.problem()).contains("'ten'");
        assertThat(parser.parse("1677971735.123 567 10.0.0.5 TCP_MISS/200 10 GET /a/path - H/- -", 7)).isNull();
        assertThat(parser.problem()).isEqualTo("URL '/a/path' has no host");
    }

    @Test
    void theRealNetdataLogHasSixteenJunkLinesAndTheRestParse() throws Exception {
        List<String> lines = Files.readAllLines(Shared.data("squid/netdata_godplugin_squidlog_access.log"));
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (parser.parse(lines.get(i), i + 1) == null) {
                bad++;
                assertThat(lines.get(i)).startsWith("Unmatched!");
            }
        }
        assertThat(bad).isEqualTo(16);
        assertThat(lines).as("499 newlines, the last line without one").hasSize(500);
    }

    @Test
    void theRealPlasoLogParsesWhole() throws Exception {
        List<String> lines = Files.readAllLines(Shared.data("squid/plaso_squid_access.log"));
        assertThat(lines).allSatisfy(l -> assertThat(parser.parse(l, 1)).as(l).isNotNull());
    }
}
