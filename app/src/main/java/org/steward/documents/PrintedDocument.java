package org.steward.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A PDF of US Letter pages written top to bottom: lines of text wrapped to the page, in the size and indent given,
 * a new page when one is full, and (if asked) a footer on every page saying which page of how many it is.
 * A letter the font has no glyph for is printed as "?"; what the record keeps is the text as typed.
 */
public final class PrintedDocument {

    /** What a document is written with. */
    public interface Pages {

        void text(float size, String text);

        void text(float size, float indent, String text);

        void gap(float points);

        /**
         * One line of a table: each cell at the left of its column, the columns {@code widths} points wide; a cell
         * too long for its column is cut, ending in "...".
         */
        void row(float size, float[] widths, List<String> cells);
    }

    /** The document's properties, as a PDF reader shows them. */
    public record Properties(String title, String author) {
    }

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
    private static final float FOOTER_SIZE = 8;

    /** Parsed once: parsing the font took most of a receipt's time. PDFBox's fonts are not for sharing threads. */
    private static TrueTypeFont liberationSans;

    private final PDDocument pdf;
    private final PDFont font;
    private final Map<Integer, Boolean> encodable = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    private PrintedDocument(PDDocument pdf, PDFont font) {
        this.pdf = pdf;
        this.font = font;
    }

    /** The document {@code content} writes, without a footer. */
    public static byte[] write(Properties properties, java.util.function.Consumer<Pages> content) {
        return write(properties, null, content);
    }

    /**
     * The document {@code content} writes, with {@code footer} and "page n of m" at the foot of every page when
     * {@code footer} is not null.
     */
    public static synchronized byte[] write(Properties properties, String footer,
                                            java.util.function.Consumer<Pages> content) {
        try (PDDocument pdf = new PDDocument()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(properties.title());
            info.setAuthor(properties.author());
            info.setCreator("Steward");
            PrintedDocument document = new PrintedDocument(pdf, PDType0Font.load(pdf, liberationSans(), true));
            document.newPage();
            content.accept(document.pages());
            document.page.close();
            if (footer != null) {
                document.footers(footer);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The document could not be made: " + properties.title(), e);
        }
    }

    private static TrueTypeFont liberationSans() throws IOException {
        if (liberationSans == null) {
            try (InputStream in = PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                // Plain text needs no glyph substitutions (ligatures, contextual forms), and PDFBox 3 compiles the
                // font's substitution patterns again for every line it shows: 13 ms a receipt with them, 4 without.
                font.getTableMap().remove("GSUB");
                liberationSans = font;
            }
        }
        return liberationSans;
    }

    private Pages pages() {
        return new Pages() {
            @Override
            public void text(float size, String text) {
                text(size, 0, text);
            }

            @Override
            public void text(float size, float indent, String text) {
                try {
                    lines(size, indent, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void gap(float points) {
                y -= points;
            }

            @Override
            public void row(float size, float[] widths, List<String> cells) {
                try {
                    cells(size, widths, cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private void cells(float size, float[] widths, List<String> cells) throws IOException {
        if (y - size * 1.35f < MARGIN + FOOTER_SIZE * 2) {
            page.close();
            newPage();
        }
        y -= size * 1.35f;
        float x = MARGIN;
        for (int i = 0; i < cells.size() && i < widths.length; i++) {
            String cell = fitted(printable(cells.get(i) == null ? "" : cells.get(i)), size, widths[i] - 4);
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(cell);
            page.endText();
            x += widths[i];
        }
    }

    private String fitted(String text, float size, float width) throws IOException {
        if (font.getStringWidth(text) / 1000 * size <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && font.getStringWidth(text.substring(0, end) + "...") / 1000 * size > width) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private void lines(float size, float indent, String text) throws IOException {
        for (String line : wrap(text, size, WIDTH - indent)) {
            if (y - size * 1.35f < MARGIN + FOOTER_SIZE * 2) {
                page.close();
                newPage();
            }
            y -= size * 1.35f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN + indent, y);
            page.showText(line);
            page.endText();
        }
    }

    private void footers(String footer) throws IOException {
        int count = pdf.getNumberOfPages();
        for (int i = 0; i < count; i++) {
            try (PDPageContentStream foot = new PDPageContentStream(pdf, pdf.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                foot.beginText();
                foot.setFont(font, FOOTER_SIZE);
                foot.newLineAtOffset(MARGIN, MARGIN - FOOTER_SIZE);
                String line = printable(footer) + "   page " + (i + 1) + " of " + count;
                foot.showText(wrap(line, FOOTER_SIZE, WIDTH).get(0));
                foot.endText();
            }
        }
    }

    /**
     * The text in lines no wider than {@code width} at {@code size}: a word at a time, each word measured once (a
     * line's width is the sum of its words' and spaces', as the font measures a string).
     */
    private List<String> wrap(String text, float size, float width) throws IOException {
        float room = width * 1000 / size;
        float space = font.getStringWidth(" ");
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float used = 0;
        for (String word : printable(text).replaceAll("\\s+", " ").strip().split(" ")) {
            float wide = font.getStringWidth(word);
            if (!line.isEmpty() && used + space + wide > room) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            if (!line.isEmpty()) {
                line.append(' ');
                used += space;
            }
            line.append(word);
            used += wide;
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text with "?" for every letter the font cannot print, each letter asked of the font once a document. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (encodable.computeIfAbsent(cp, this::canEncode)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean canEncode(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage(PDRectangle.LETTER);
        pdf.addPage(next);
        page = new PDPageContentStream(pdf, next);
        y = PDRectangle.LETTER.getHeight() - MARGIN;
    }
}
