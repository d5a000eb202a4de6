package org.steward.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set of lists is unpacked within its limit as it is written: an archive of zeros (a thousand to one in gzip) is
 * refused before it has written more than the limit, and an entry cannot leave the folder.
 */
class UnpackTest {

    @TempDir Path dir;

    @Test
    void anArchiveLargerUnpackedThanItsLimitIsRefusedBeforeItFillsTheDisk() throws IOException {
        byte[] bomb = archive("blacklists/adult/domains", new byte[4 << 20]);
        assertThat(bomb.length).isLessThan(64 << 10);

        assertThatThrownBy(() -> CategoryLists.unpack(new ByteArrayInputStream(bomb), dir, 1 << 20))
                .isInstanceOf(IOException.class).hasMessageContaining("more than its limit");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum())
                    .isLessThanOrEqualTo((1 << 20) + (64 << 10));
        }
    }

    @Test
    void anEntryLeavingTheFolderIsRefused() throws IOException {
        byte[] escaping = archive("../outside/domains", "x.example\n".getBytes());
        assertThatThrownBy(() -> CategoryLists.unpack(new ByteArrayInputStream(escaping), dir.resolve("in")))
                .isInstanceOf(IOException.class).hasMessageContaining("leaves the archive's folder");
        assertThat(dir.resolve("outside")).doesNotExist();
    }

    private static byte[] archive(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
