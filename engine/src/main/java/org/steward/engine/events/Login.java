package org.steward.engine.events;

/** A sign-in attempt to a district system (Stanislaus 11: logging in as another user). */
public record Login(long time, String user, String client, String account, String device, boolean success,
                    long line, String raw) implements ActivityEvent {

    @Override
    public Kind kind() {
        return Kind.LOGIN;
    }
}
