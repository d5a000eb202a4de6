package org.steward.investigations;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.tika.Tika;

/**
 * The files a report or a case accepts (screenshots, photographs, PDFs, saved e-mails, plain text), judged by their
 * bytes, not by the name or type the browser claims: a program renamed {@code .png} is refused. Each accepted file
 * carries its SHA-256, taken here, before anything else touches it, so that what is kept can be shown to be what
 * was received.
 */
final class AcceptedFiles {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    /** The types accepted, by what they are, with the words a person knows them by. */
    static final Map<String, String> TYPES = Map.of(
            "image/png", "PNG image",
            "image/jpeg", "JPEG photograph",
            "image/gif", "GIF image",
            "image/webp", "WebP image",
            "application/pdf", "PDF document",
            "message/rfc822", "saved e-mail (.eml)",
            "text/plain", "plain text");

    private static final Tika TIKA = new Tika();

    /** A file as accepted: its name cleaned for display, its type as detected, its bytes and their SHA-256. */
    record Accepted(String name, String type, byte[] bytes, String sha256) {
    }

    /** What came of an upload: the file accepted, or why not. */
    sealed interface Judged permits Judged.Ok, Judged.Refused {

        record Ok(Accepted file) implements Judged {
        }

        record Refused(String reason) implements Judged {
        }
    }

    private AcceptedFiles() {
    }

    static Judged judge(String claimedName, byte[] bytes) {
        String name = displayName(claimedName);
        if (bytes == null || bytes.length == 0) {
            return new Judged.Refused("The file " + name + " is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            return new Judged.Refused(String.format(Locale.ROOT,
                    "The file %s is %,d bytes, over the %d MB (%,d bytes) a file may be.", name, bytes.length,
                    MAX_BYTES >> 20, MAX_BYTES));
        }
        String type = TIKA.detect(bytes, name).toLowerCase(Locale.ROOT);
        if (!TYPES.containsKey(type)) {
            return new Judged.Refused("The file " + name + " is not one Steward keeps (it is " + type
                    + "). Accepted: " + String.join(", ", TYPES.values().stream().sorted().toList()) + ".");
        }
        return new Judged.Ok(new Accepted(name, type, bytes, sha256(bytes)));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DigestUtils.sha256(bytes));
    }

    /** The name without any folder, control characters or excess length: it is shown, never used as a path. */
    static String displayName(String claimed) {
        String name = claimed == null ? "" : claimed.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        return name.isEmpty() ? "(unnamed file)" : name;
    }
}
