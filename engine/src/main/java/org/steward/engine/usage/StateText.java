package org.steward.engine.usage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A text in a stream job's checkpoint of the engine's state: its UTF-8 length, then its bytes (DataOutput's own
 * {@code writeUTF} takes no more than 64 KiB, and a line of evidence may hold more).
 */
public final class StateText {

    private StateText() {
    }

    public static void write(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String read(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
