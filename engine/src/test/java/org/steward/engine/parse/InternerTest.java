package org.steward.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class InternerTest {

    @Test
    void givesOneStringPerNameFoldedToLowerCaseFromTextOrBytes() {
        Interner hosts = new Interner(true);
        String first = hosts.intern("GET http://WWW.Example.org/a", 11, 26);
        assertThat(first).isEqualTo("www.example.org");
        byte[] line = "x www.EXAMPLE.org y".getBytes(StandardCharsets.US_ASCII);
        assertThat(hosts.intern(line, 2, 17)).isSameAs(first);
    }

    @Test
    void keepsCaseWhenAskedTo() {
        Interner users = new Interner(false);
        assertThat(users.intern("Alice", 0, 5)).isEqualTo("Alice");
        assertThat(users.intern("alice", 0, 5)).isEqualTo("alice");
    }

    @Test
    void leavesNonAsciiToTheCaller() {
        Interner hosts = new Interner(true);
        assertThat(hosts.intern("bücher.de", 0, 9)).isNull();
        assertThat(hosts.intern("bücher.de".getBytes(StandardCharsets.UTF_8), 0, 10)).isNull();
        assertThat(hosts.lastValue()).isNull();
    }

    @Test
    void keepsAValuePerNameUntilTheTableStartsAfresh() {
        Interner hosts = new Interner(true);
        hosts.intern("a.org", 0, 5);
        hosts.lastValue("site a");
        hosts.intern("b.org", 0, 5);
        assertThat(hosts.lastValue()).isNull();
        hosts.intern("A.ORG", 0, 5);
        assertThat(hosts.lastValue()).isEqualTo("site a");
        for (int i = 0; i < 200_000; i++) { // more names than the table holds: it empties once
            hosts.intern("h" + i + ".org", 0, ("h" + i + ".org").length());
        }
        hosts.intern("a.org", 0, 5);
        assertThat(hosts.lastValue()).isNull();
        hosts.forget();
        assertThat(hosts.lastValue()).isNull();
    }
}
