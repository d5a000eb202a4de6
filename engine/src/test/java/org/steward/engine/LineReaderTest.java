package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    static final int LIMIT = 4 << 20;

    @Test
    void splitsAtNewlinesAndDropsTheCarriageReturnOfCrlf() throws IOException {
        assertThat(lines("one\ntwo\r\n\nthree", 2)).containsExactly("one", "two", "", "three");
    }

    @Test
    void aLastLineWithoutNewlineIsALineAndAFinalNewlineMakesNoEmptyOne() throws IOException {
        assertThat(lines("a\nb\n", 10)).containsExactly("a", "b");
        assertThat(lines("a\nb", 10)).containsExactly("a", "b");
        assertThat(lines("", 10)).isEmpty();
    }

    @Test
    void aLineLongerThanTheReadBufferArrivesWhole() throws IOException {
        String longLine = "x".repeat(3 << 20);
        assertThat(lines("short\n" + longLine + "\nafter", 1)).containsExactly("short", longLine, "after");
    }

    @Test
    void aLineOverTheLimitKeepsItsStartMarkedAndIsReadPastWithoutBeingKept() throws IOException {
        byte[] text = ("short\n" + "y".repeat(5_000_000) + "\nafter\n" + "z".repeat(5_000_000))
                .getBytes(StandardCharsets.UTF_8);
        try (LineReader reader = new LineReader(new ByteArrayInputStream(text), 1024)) {
            LineReader.Lines read = reader.read(10);
            assertThat(text(read)).containsExactly("short", "y".repeat(300), "after", "z".repeat(300));
            assertThat(read.marks()).startsWith(LineReader.WHOLE, LineReader.TOO_LONG, LineReader.WHOLE,
                    LineReader.TOO_LONG);
            assertThat(read.bytes().length).as("the batch holds the starts only").isLessThan(1 << 17);
            assertThat(reader.read(10)).isNull();
        }
    }

    @Test
    void aLineWithANulByteIsMarkedWhereverTheByteIs() throws IOException {
        for (String line : List.of("\u0000abc", "abcdefg\u0000", "abcdefghijklmnop\u0000qrs", "a\u0000")) {
            try (LineReader reader = new LineReader(new ByteArrayInputStream(("clean line one\n" + line
                    + "\nclean line two, long enough for words\n").getBytes(StandardCharsets.UTF_8)), 1024)) {
                LineReader.Lines read = reader.read(10);
                assertThat(read.size()).isEqualTo(3);
                assertThat(read.marks()).as(line).startsWith(LineReader.WHOLE, LineReader.HOLDS_NUL,
                        LineReader.WHOLE);
            }
        }
    }

    @Test
    void keepsUtf8BytesAsTheyAre() throws IOException {
        assertThat(lines("café ☕\nß", 10)).containsExactly("café ☕", "ß");
    }

    @Test
    void aBatchGivenBackLendsItsArraysToTheNextWithoutMixingTheirLines() throws IOException {
        String text = "first line\nsecond\n" + "a much longer third line than the others\nfourth\nfifth\n";
        try (LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), LIMIT)) {
            LineReader.Lines first = reader.read(2);
            reader.recycle(first);
            LineReader.Lines second = reader.read(2);
            LineReader.Lines third = reader.read(2);

            assertThat(second.starts()).isSameAs(first.starts());
            assertThat(third.starts()).isNotSameAs(first.starts());
            assertThat(text(second)).containsExactly("a much longer third line than the others", "fourth");
            assertThat(text(third)).containsExactly("fifth");
        }
    }

    private static List<String> text(LineReader.Lines read) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            lines.add(new String(read.bytes(), read.starts()[i], read.ends()[i] - read.starts()[i],
                    StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static List<String> lines(String text, int batch) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), LIMIT)) {
            LineReader.Lines read;
            while ((read = reader.read(batch)) != null) {
                assertThat(read.size()).isBetween(1, batch);
                for (int i = 0; i < read.size(); i++) {
                    lines.add(new String(read.bytes(), read.starts()[i], read.ends()[i] - read.starts()[i],
                            StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }
}
