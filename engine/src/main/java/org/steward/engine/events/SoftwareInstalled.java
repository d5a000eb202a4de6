package org.steward.engine.events;

/** A package installed on a district device (Stanislaus 9, Clovis C.13 and I.4: no unauthorized software). */
public record SoftwareInstalled(long time, String user, String client, String device, String packageName,
                                String version, long line, String raw) implements ActivityEvent {

    @Override
    public Kind kind() {
        return Kind.SOFTWARE;
    }
}
