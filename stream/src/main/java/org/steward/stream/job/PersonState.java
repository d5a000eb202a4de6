package org.steward.stream.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.steward.engine.ActivityState;

/**
 * A person's keyed state: their {@link ActivityState}, and the time their activity was last advanced to. A line of
 * a request that started before that time comes too late to be counted (what it would change was told already): it
 * is told as a late line. The time is kept while the activity is empty, so that a late line cannot start a row of a
 * day told already.
 *
 * <p>The activity is live while a task counts it, and written as bytes in checkpoints; read back, it stays bytes
 * until the task first needs it, since reading it needs the district's rules and lists, which the task holds.
 */
public final class PersonState {

    private long advancedTo = Long.MIN_VALUE;
    /** The version of the district's setup the live activity counts with. */
    private long version;
    private ActivityState live;
    /** The activity as written, while not read back; null with {@code live} when it is empty. */
    private byte[] written;
    /** The time of the timer last set for the person, not to set it again for each line (not checkpointed). */
    private long timer = Long.MIN_VALUE;

    PersonState() {
    }

    PersonState(long advancedTo, byte[] written) {
        this.advancedTo = advancedTo;
        this.written = written;
    }

    long advancedTo() {
        return advancedTo;
    }

    void advancedTo(long time) {
        advancedTo = Math.max(advancedTo, time);
    }

    /**
     * The activity, counting with the district's setup of the day: read back from its bytes when it was a
     * checkpoint's, made when none, and written and read again with the new setup when the district's changed.
     */
    ActivityState activity(DistrictSetup.Engine engine) {
        if (live != null && version != engine.setup().version()) {
            written = bytes();
            live = null;
        }
        version = engine.setup().version();
        ActivityState.Setup setup = engine.activity();
        if (live == null) {
            try {
                live = written == null ? ActivityState.empty(setup)
                        : ActivityState.read(new DataInputStream(new ByteArrayInputStream(written)), setup);
            } catch (IOException e) {
                throw new UncheckedIOException("a person's activity in the checkpoint cannot be read", e);
            }
            written = null;
        }
        return live;
    }

    /** Drops an activity that keeps nothing: the person's state is then a time alone. */
    void dropIfEmpty() {
        if (live != null && live.isEmpty()) {
            live = null;
        }
    }

    long timer() {
        return timer;
    }

    void timer(long time) {
        timer = time;
    }

    boolean isEmpty() {
        return live == null && written == null;
    }

    /** The activity as bytes, for a checkpoint; null when there is none. */
    byte[] bytes() {
        if (live == null) {
            return written;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            live.write(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
