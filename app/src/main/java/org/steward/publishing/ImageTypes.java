package org.steward.publishing;

import org.apache.tika.Tika;

/** The type of an image told by its bytes, not by the name or type the browser sent. */
final class ImageTypes {

    private static final Tika TIKA = new Tika();

    private ImageTypes() {
    }

    static String of(byte[] bytes) {
        return TIKA.detect(bytes);
    }
}
