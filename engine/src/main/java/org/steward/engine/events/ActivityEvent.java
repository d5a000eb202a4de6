package org.steward.engine.events;

/**
 * Something a person did on district technology, as one log line tells it. {@code time} is the epoch millisecond
 * the line reports (for a web request, its end); {@code line} is the line number in its input and {@code raw} the
 * line as it appeared, kept as evidence.
 */
public sealed interface ActivityEvent permits WebRequest, EmailSent, Login, DeviceSeen, SoftwareInstalled {

    long time();

    /** Who the log names: an account name, or "-" when it names none. */
    String user();

    /** The network address the activity came from, used to attribute it when the log names nobody. */
    String client();

    Kind kind();

    long line();

    String raw();

    enum Kind {
        WEB, EMAIL, LOGIN, DEVICE, SOFTWARE;

        public String label() {
            return name().toLowerCase();
        }
    }
}
