package org.steward.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A local password as NIST SP 800-63B-4 (section 3.1.1.2) asks of one that is the only factor: 15 characters at
 * least and up to 64, any characters (Unicode, normalized NFKC), no composition rules and no periodic change; refused
 * when it is on a list of common or breached passwords, when it is built from words of its context (the username,
 * the person's name, the district's name, "steward"), or when it repeats a few characters. The list is nbvcxz's
 * dictionary of common passwords unless the operator gives a file of their own, one password a line
 * ({@code steward.passwords.blocklist}).
 */
@Component
public class PasswordRules {

    public static final int SHORTEST = 15;
    public static final int LONGEST = 64;

    private static final Logger log = LoggerFactory.getLogger(PasswordRules.class);
    private static final String BUILT_IN = "dictionaries/passwords.txt";

    private final Set<String> blocked;
    private final String source;

    PasswordRules(@Value("${steward.passwords.blocklist:}") String blocklist) {
        this.blocked = new HashSet<>(1 << 18);
        if (blocklist.isBlank()) {
            source = "nbvcxz's list of common passwords";
            try (InputStream in = PasswordRules.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("nbvcxz's " + BUILT_IN + " is missing from the class path");
                }
                read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            source = blocklist;
            try (InputStream in = Files.newInputStream(Path.of(blocklist))) {
                read(in);
            } catch (IOException e) {
                throw new IllegalStateException("The password blocklist " + blocklist
                        + " (steward.passwords.blocklist) cannot be read: " + e.getMessage(), e);
            }
        }
        log.info("Passwords are checked against {} ({} passwords)", source, blocked.size());
    }

    private void read(InputStream in) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    blocked.add(folded(word));
                }
            }
        }
    }

    /** The password as it is hashed and compared: Unicode normalized, so one typed on a phone matches. */
    public static String normalized(String password) {
        return password == null ? "" : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private static String folded(String text) {
        return normalized(text).toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses a password that does not do, saying what is wrong; the context is the words a guesser of this account
     * would try first.
     */
    public void check(String password, Collection<String> context) {
        String p = normalized(password);
        int length = p.codePointCount(0, p.length());
        if (length < SHORTEST) {
            throw new IllegalArgumentException("A password needs at least " + SHORTEST + " characters (this one has "
                    + length + "). A few words with spaces between them make one that is easy to remember.");
        }
        if (length > LONGEST || p.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("A password has at most " + LONGEST + " characters.");
        }
        String folded = folded(p);
        if (blocked.contains(folded) || blocked.contains(folded.replace(" ", ""))) {
            throw new IllegalArgumentException("This password is on a list of common or breached passwords that "
                    + "attackers try first: choose another.");
        }
        if (folded.codePoints().distinct().count() < 5) {
            throw new IllegalArgumentException("This password repeats a few characters: choose one less "
                    + "predictable, such as a few unrelated words.");
        }
        List<String> words = new ArrayList<>(context);
        words.add("steward"); // the name of the service, which NIST names first among context-specific words
        for (String word : words) {
            if (word == null) {
                continue;
            }
            for (String part : folded(word).split("[^\\p{L}\\p{N}]+")) {
                if (part.length() >= 4 && folded.contains(part)) {
                    throw new IllegalArgumentException("A password may not contain '" + part
                            + "' (the username, a name or the district's): those are guessed first.");
                }
            }
        }
    }

    /** Where the list of common passwords comes from, as the operator set it. */
    public String source() {
        return source;
    }
}
