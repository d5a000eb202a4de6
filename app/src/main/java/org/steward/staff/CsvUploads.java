package org.steward.staff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads the CSV files people upload, alone or in a zip, the same way for every import: UTF-8 or refused, a byte
 * order mark ignored, a header row naming the columns, and cells trimmed.
 */
public final class CsvUploads {

    /** The most a zip's CSV files may unpack to (a district of 100,000 people's users.csv is about 20 MB). */
    public static final long MOST_UNPACKED_BYTES = 100L << 20;

    private CsvUploads() {
    }

    /**
     * The CSV files a person uploaded, as .csv files or in one .zip, named by their lower-case base name, as a zip's
     * are; each file that is not a
     * CSV, not UTF-8 or holds a NUL byte added to {@code problems}, with {@code whatToUpload} telling what to send.
     */
    public static Map<String, RosterUpload> files(List<RosterUpload> uploads, List<ImportProblem> problems,
                                                  String whatToUpload) {
        Map<String, RosterUpload> files = new java.util.LinkedHashMap<>();
        for (RosterUpload upload : uploads) {
            String name = upload.name() == null ? "" : upload.name();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".zip")) {
                unzip(upload, files, problems);
            } else if (lower.endsWith(".csv")) {
                files.put(baseName(lower), new RosterUpload(baseName(lower), upload.content()));
            } else {
                problems.add(new ImportProblem(name.isEmpty() ? "(no file)" : name, 0, "not a CSV file: "
                        + whatToUpload));
            }
        }
        files.values().forEach(file -> notUtf8(file).ifPresent(problems::add));
        files.values().forEach(file -> withNul(file).ifPresent(problems::add));
        return files;
    }

    /** Adds the zip's CSV files to {@code files} by lower-case base name; a zip too big empties {@code files}. */
    public static void unzip(RosterUpload zip, Map<String, RosterUpload> files, List<ImportProblem> problems) {
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.content()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    String name = baseName(entry.getName().toLowerCase(Locale.ROOT));
                    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16,
                            MOST_UNPACKED_BYTES - unpacked + 1));
                    unpacked += content.length;
                    if (unpacked > MOST_UNPACKED_BYTES) {
                        files.clear();
                        problems.add(new ImportProblem(zip.name(), 0, "the zip unpacks to more than "
                                + (MOST_UNPACKED_BYTES >> 20) + " MB of CSV, more than a roster holds: nothing was"
                                + " imported"));
                        return;
                    }
                    files.put(name, new RosterUpload(name, content));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipInputStream refuses an entry name that is not UTF-8 with an IllegalArgumentException
            problems.add(new ImportProblem(zip.name(), 0, "not a readable zip file: " + e.getMessage()));
        }
    }

    /** The file name at the end of a path in a zip. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A file with a NUL byte, which PostgreSQL stores in no text: told with the first line that holds one. */
    public static Optional<ImportProblem> withNul(RosterUpload file) {
        byte[] content = file.content();
        int line = 1;
        for (byte b : content) {
            if (b == 0) {
                return Optional.of(new ImportProblem(file.name(), line, "this line holds a NUL character, which no"
                        + " name or id has (the file may not be a CSV, or was saved as UTF-16): save it as \"CSV"
                        + " UTF-8\" and import it again"));
            }
            line += b == '\n' ? 1 : 0;
        }
        return Optional.empty();
    }

    /** A file that is not UTF-8 (a spreadsheet's CSV is often Windows-1252), told with its first line that is not. */
    public static Optional<ImportProblem> notUtf8(RosterUpload file) {
        byte[] content = file.content();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        CharBuffer chars = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = utf8.decode(bytes, chars, true);
            if (result.isError()) {
                int line = 1;
                for (int i = 0; i < bytes.position(); i++) {
                    line += content[i] == '\n' ? 1 : 0;
                }
                return Optional.of(new ImportProblem(file.name(), line, "the file is not UTF-8 (this line "
                        + "has bytes that are not; a spreadsheet's CSV is often Windows-1252): save it as "
                        + "\"CSV UTF-8\" and import it again"));
            }
            if (result.isUnderflow()) {
                return Optional.empty();
            }
            chars.clear();
        }
    }

    /** A parser of the file's records by the names in its header row, cells trimmed and empty lines skipped. */
    public static CSVParser parser(RosterUpload file) throws IOException {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(stripBom(file.content())),
                StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get().parse(reader);
    }

    /** The content without the UTF-8 byte order mark that Excel's "CSV UTF-8" starts with. */
    public static byte[] stripBom(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf) {
            return Arrays.copyOfRange(content, 3, content.length);
        }
        return content;
    }

    /** The stripped cell in the column, empty where the column or the cell is missing. */
    public static String value(CSVRecord record, String column) {
        String value = record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
        // a cell Steward's exports quoted so that a spreadsheet shows it as text ('=A1) reads back as it was
        return value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }
}
