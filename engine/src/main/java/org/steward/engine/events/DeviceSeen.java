package org.steward.engine.events;

/**
 * A device event: portable storage mounted on a district computer (Stanislaus 9.g: no unencrypted storage), or an
 * unknown MAC address seen on the network (Stanislaus 9.d: no unauthorized devices).
 */
public record DeviceSeen(long time, String user, String client, Type type, String device, String mac,
                         boolean encrypted, long line, String raw) implements ActivityEvent {

    public enum Type {
        USB_STORAGE, UNKNOWN_MAC
    }

    @Override
    public Kind kind() {
        return Kind.DEVICE;
    }
}
