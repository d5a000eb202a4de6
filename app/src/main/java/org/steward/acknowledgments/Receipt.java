package org.steward.acknowledgments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
 * The receipt of a signed acknowledgment, laid out like a policy's signature page: the policy's title and version,
 * each statement as ticked, then Employee Name, Signature (as typed), Date and Effective School Year. Made once when
 * the employee signs, with PDFBox and the Liberation Sans font PDFBox carries (any language's letters).
 */
final class Receipt {

    /** What the receipt shows. */
    record Content(String district, String policyTitle, int policyVersion, String policySha256, String schoolYear,
                   List<String> statements, String employeeName, String employeeId, String typedName,
                   LocalDate date, String signedAt, String ipAddress, long signatureNumber, String recorded) {
    }

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;

    private final PDDocument pdf;
    private final PDFont font;
    private PDPageContentStream page;
    private float y;

    private Receipt(PDDocument pdf, PDFont font) {
        this.pdf = pdf;
        this.font = font;
    }

    /** Parsed once: parsing the font took most of a receipt's time. PDFBox's fonts are not for sharing threads. */
    private static TrueTypeFont liberationSans;

    private static synchronized TrueTypeFont liberationSans() throws IOException {
        if (liberationSans == null) {
            try (InputStream in = PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
                // A receipt needs no glyph substitutions (ligatures, contextual forms), and PDFBox 3 compiles the
                // font's substitution patterns again for every line it shows: 13 ms a receipt with them, 4 without.
                font.getTableMap().remove("GSUB");
                liberationSans = font;
            }
        }
        return liberationSans;
    }

    static synchronized byte[] of(Content c) {
        try (PDDocument pdf = new PDDocument()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Acknowledgment receipt: " + c.policyTitle());
            info.setAuthor(c.employeeName());
            info.setCreator("Steward");
            Receipt receipt = new Receipt(pdf, PDType0Font.load(pdf, liberationSans(), true));
            receipt.write(c);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The receipt could not be made", e);
        }
    }

    private void write(Content c) throws IOException {
        newPage();
        text(16, "Annual Acknowledgment and Signature Page");
        text(11, c.district());
        gap(6);
        text(11, c.policyTitle() + ", version " + c.policyVersion());
        text(8, "SHA-256 of the version's text: " + c.policySha256());
        gap(10);
        text(11, "The employee acknowledged each of these statements:");
        gap(4);
        for (String statement : c.statements()) {
            text(10, "[x]  " + statement);
            gap(4);
        }
        gap(14);
        field("Employee Name", c.employeeName() + " (employee id " + c.employeeId() + ")");
        field("Signature", c.typedName() + (c.recorded() == null ? "   (typed by the employee as their signature)"
                : "   (as signed on the record it was recorded from)"));
        field("Date", c.date().toString());
        field("Effective School Year", c.schoolYear());
        gap(18);
        if (c.recorded() == null) {
            text(8, "Signed " + c.signedAt() + " from " + c.ipAddress() + ". Steward acknowledgment record "
                    + c.signatureNumber() + ".");
            text(8, "This receipt was made once, when the employee signed; its SHA-256 is kept with the record.");
        } else {
            text(8, "Signed " + c.signedAt() + ", before the district used Steward. " + c.recorded()
                    + " Steward acknowledgment record " + c.signatureNumber() + ".");
            text(8, "This receipt was made once, when the signature was recorded; its SHA-256 is kept with the "
                    + "record.");
        }
        page.close();
    }

    private void field(String label, String value) throws IOException {
        text(11, label + ":  " + value);
        gap(8);
    }

    private void gap(float points) {
        y -= points;
    }

    /** Writes wrapped lines, starting a new page when one is full. */
    private void text(float size, String text) throws IOException {
        for (String line : wrap(text, size)) {
            if (y - size < MARGIN) {
                page.close();
                newPage();
            }
            y -= size * 1.35f;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(line);
            page.endText();
        }
    }

    private List<String> wrap(String text, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).replaceAll("\\s+", " ").strip().split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text with any letter the font has no glyph for shown as "?"; the record keeps the text as typed. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage(PDRectangle.LETTER);
        pdf.addPage(next);
        page = new PDPageContentStream(pdf, next);
        y = PDRectangle.LETTER.getHeight() - MARGIN;
    }
}
