package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AcceptedFilesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};

    @Test
    void aScreenshotIsAcceptedWithTheHashOfItsBytes() {
        AcceptedFiles.Judged judged = AcceptedFiles.judge("C:\\Users\\maria\\Desktop\\phish.png", PNG);

        assertThat(judged).isInstanceOfSatisfying(AcceptedFiles.Judged.Ok.class, ok -> {
            assertThat(ok.file().name()).isEqualTo("phish.png");
            assertThat(ok.file().type()).isEqualTo("image/png");
            assertThat(ok.file().sha256()).isEqualTo(
                    org.apache.commons.codec.digest.DigestUtils.sha256Hex(PNG)).hasSize(64);
        });
    }

    @Test
    void aProgramNamedLikeAPictureIsRefusedForWhatItIs() {
        byte[] program = "MZ\u0090\u0000\u0003\u0000\u0000\u0000This program cannot be run in DOS mode"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(AcceptedFiles.judge("holiday.png", program)).isInstanceOfSatisfying(
                AcceptedFiles.Judged.Refused.class, refused -> assertThat(refused.reason())
                        .startsWith("The file holiday.png is not one Steward keeps").contains("PNG image"));
    }

    @Test
    void anEmptyOrTooLargeFileIsRefusedSayingWhy() {
        assertThat(AcceptedFiles.judge("a.txt", new byte[0])).isEqualTo(
                new AcceptedFiles.Judged.Refused("The file a.txt is empty."));
        assertThat(AcceptedFiles.judge("big.pdf", new byte[(int) AcceptedFiles.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(AcceptedFiles.Judged.Refused.class, refused -> assertThat(refused.reason())
                        .isEqualTo("The file big.pdf is 10,485,761 bytes, over the 10 MB (10,485,760 bytes) a file may be."));
    }

    @Test
    void aNameIsShownWithoutItsFoldersOrControlCharacters() {
        assertThat(AcceptedFiles.displayName("../../etc/pass\u0000wd\n")).isEqualTo("passwd");
        assertThat(AcceptedFiles.displayName("  ")).isEqualTo("(unnamed file)");
    }
}
