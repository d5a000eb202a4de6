package org.steward.engine.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A host name as Steward compares it with the category lists and works out its site, whatever way a browser or a
 * person wrote it: {@code %62ad.com}, {@code BAD.COM} and {@code bad.com.} are all {@code bad.com}, so writing a
 * host oddly does not take it out of its category.
 */
final class Hosts {

    private Hosts() {
    }

    /** Percent-encoding decoded (as UTF-8), lower case, trailing dots dropped. */
    static String normalized(String host) {
        String h = host.indexOf('%') >= 0 ? percentDecoded(host) : host;
        h = h.toLowerCase(Locale.ROOT);
        int end = h.length();
        while (end > 0 && h.charAt(end - 1) == '.') {
            end--;
        }
        return h.substring(0, end);
    }

    private static String percentDecoded(String host) {
        byte[] in = host.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && HexFormat.isHexDigit(in[i + 1]) && HexFormat.isHexDigit(in[i + 2])) {
                out.write(HexFormat.fromHexDigit(in[i + 1]) << 4 | HexFormat.fromHexDigit(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
