package org.steward.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.engine.categories.CategorySet;
import org.steward.engine.events.ActivityEvent;
import org.steward.engine.events.DeviceSeen;
import org.steward.engine.events.EmailSent;
import org.steward.engine.events.Login;
import org.steward.engine.events.SoftwareInstalled;
import org.steward.engine.events.WebRequest;

class ConditionTest {

    static final List<ActivityEvent> ONE_OF_EACH = List.of(
            new WebRequest(1, 1, "10.0.0.1", "TCP_MISS", 200, 5, "GET", "http://a.com/x", "a.com", 12, "pat",
                    "text/html", 1, "raw"),
            new EmailSent(1, "pat", "-", "pat@d.org", 3, List.of("All District"), 0, List.of("pdf"), false, 1, "raw"),
            new Login(1, "pat", "-", "lee", "LAB-1", true, 1, "raw"),
            new DeviceSeen(1, "pat", "-", DeviceSeen.Type.USB_STORAGE, "LAP-1", "", false, 1, "raw"),
            new SoftwareInstalled(1, "pat", "-", "LAP-1", "utorrent", "3.6", 1, "raw"));

    @Test
    void everyDeclaredFieldHasAValueForEveryKindOfEvent() {
        for (ActivityEvent event : ONE_OF_EACH) {
            Observation o = new Observation(event, "pat", "a.com", CategorySet.NONE, true);
            for (String field : Condition.FIELDS.keySet()) {
                assertThat(Condition.value(o, true, 9, field)).as("%s of a %s event", field, event.kind()).isNotNull();
            }
        }
    }

    @Test
    void conditionsReadTheFieldsOfTheirEvent() throws Condition.Invalid {
        Observation web = new Observation(ONE_OF_EACH.get(0), "pat", "a.com", CategorySet.NONE, true);
        assertThat(Condition.compile("bytes == 5 && path == '/x' && duty && hour == 9").test(web, true, 9)).isTrue();
        assertThat(Condition.compile("bytes > 5").test(web, true, 9)).isFalse();
        Observation mail = new Observation(ONE_OF_EACH.get(1), "pat", null, CategorySet.NONE, false);
        assertThat(Condition.compile("recipient_lists.exists(l, l.startsWith('All'))").test(mail, false, 9)).isTrue();
        assertThat(Condition.compile("bytes == 0 && host == ''").test(mail, false, 9)).isTrue();
    }
}
