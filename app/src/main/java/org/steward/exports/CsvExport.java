package org.steward.exports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file of rows, with every text cell that a spreadsheet would run as a formula (one starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) prefixed with a single quote, as OWASP's CSV injection
 * guidance asks: a name like {@code =HYPERLINK(…)} on the roster is shown, never run. Numbers are written as they are.
 */
public final class CsvExport {

    private CsvExport() {
    }

    /** The rows as CSV under the header, in UTF-8; {@code cells} gives a row's cells in the header's order. */
    public static <T> byte[] of(List<String> header, List<T> rows, Function<T, List<?>> cells) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.stream().map(CsvExport::cell).toArray(String[]::new)).get())) {
            for (T row : rows) {
                List<?> values = cells.apply(row);
                Object[] safe = new Object[values.size()];
                for (int i = 0; i < safe.length; i++) {
                    safe[i] = values.get(i) instanceof Number ? values.get(i) : cell(values.get(i));
                }
                csv.printRecord(safe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A text cell a spreadsheet shows as text. */
    static String cell(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
