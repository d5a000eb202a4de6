package org.steward.stream.job;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link PersonState} into checkpoints and savepoints: the time advanced to, then the engine's own bytes of
 * the activity (ActivityState's format, which starts with its version). A copy is made through the bytes: the heap
 * state backend copies a state that a running snapshot still holds before the task changes it.
 */
public final class PersonStateSerializer extends TypeSerializerSingleton<PersonState> {

    static final PersonStateSerializer INSTANCE = new PersonStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PersonState createInstance() {
        return new PersonState();
    }

    @Override
    public PersonState copy(PersonState from) {
        return new PersonState(from.advancedTo(), from.bytes());
    }

    @Override
    public PersonState copy(PersonState from, PersonState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PersonState state, DataOutputView target) throws IOException {
        target.writeLong(state.advancedTo());
        byte[] bytes = state.bytes();
        target.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            target.write(bytes);
        }
    }

    @Override
    public PersonState deserialize(DataInputView source) throws IOException {
        long advancedTo = source.readLong();
        int length = source.readInt();
        byte[] bytes = null;
        if (length >= 0) {
            bytes = new byte[length];
            source.readFully(bytes);
        }
        return new PersonState(advancedTo, bytes);
    }

    @Override
    public PersonState deserialize(PersonState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeLong(source.readLong());
        int length = source.readInt();
        target.writeInt(length);
        if (length > 0) {
            target.write(source, length);
        }
    }

    @Override
    public TypeSerializerSnapshot<PersonState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Format 1 of the person's state; ActivityState's own bytes carry their version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PersonState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
