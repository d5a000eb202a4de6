package org.steward.holds;

/** A deletion or rewrite refused because an open case keeps the record; nothing was changed. */
public final class RecordHeld extends RuntimeException {

    private final Hold hold;

    public RecordHeld(String what, Hold hold) {
        super(what + " is " + hold.reason() + ": it cannot be deleted or changed until the case is closed.");
        this.hold = hold;
    }

    public Hold hold() {
        return hold;
    }
}
