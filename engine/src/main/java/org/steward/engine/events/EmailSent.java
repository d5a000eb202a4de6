package org.steward.engine.events;

import java.util.List;

/** A message sent through the district's mail system (Clovis C.12, unnamed district 11: mass e-mail). */
public record EmailSent(long time, String user, String client, String sender, int recipientCount,
                        List<String> recipientLists, int externalRecipients, List<String> attachmentTypes,
                        boolean encrypted, long line, String raw) implements ActivityEvent {

    @Override
    public Kind kind() {
        return Kind.EMAIL;
    }
}
