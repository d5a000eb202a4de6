package org.steward;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What a test's GreenMail received, as a person's mailbox shows it. */
public final class Mailboxes {

    private Mailboxes() {
    }

    /** The messages received for this address, in the order they arrived. */
    public static List<MimeMessage> to(GreenMailExtension mail, String address) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(message.getAllRecipients()).contains(address)) {
                found.add(message);
            }
        }
        return found;
    }

    /** A message's subject, for a stream to filter on. */
    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
