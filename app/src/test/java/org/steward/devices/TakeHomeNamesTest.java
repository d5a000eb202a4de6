package org.steward.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A take-home permission covers the devices its equipment field names, and no device whose tag it merely holds. */
class TakeHomeNamesTest {

    @Test
    void aPermissionForL100IsNotOneForL1OrL10() {
        assertThat(TakeHome.names("L-100", "L-100")).isTrue();
        assertThat(TakeHome.names("l-100, charger", "L-100")).isTrue();
        assertThat(TakeHome.names("L-7; L-100/hotspot H-2", "H-2")).isTrue();
        assertThat(TakeHome.names("L-100", "L-1")).isFalse();
        assertThat(TakeHome.names("L-100", "L-10")).isFalse();
        assertThat(TakeHome.names("", "L-1")).isFalse();
    }
}
