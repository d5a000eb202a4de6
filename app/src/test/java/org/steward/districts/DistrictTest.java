package org.steward.districts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A district as a county office makes, suspends and reopens it. */
class DistrictTest {

    static final Instant AT = Instant.parse("2026-08-01T16:00:00Z");

    @Test
    void aDistrictIsMadeOnlyWithAShortNameANameAndARealTimeZone() {
        District ceres = District.create(" Ceres-USD ", " Ceres Unified ", "America/Los_Angeles", AT);
        assertThat(ceres.slug()).isEqualTo("ceres-usd");
        assertThat(ceres.name()).isEqualTo("Ceres Unified");
        assertThatThrownBy(() -> District.create("c", "Ceres", "America/Los_Angeles", AT))
                .hasMessageContaining("2 to 40");
        assertThatThrownBy(() -> District.create("ceres", " ", "America/Los_Angeles", AT))
                .hasMessageContaining("Give the district's name");
        assertThatThrownBy(() -> District.create("ceres", "Ceres", "Mars/Olympus", AT))
                .hasMessageContaining("is not a time zone");
        assertThatThrownBy(() -> District.create("ceres", "Ceres", "UTC", AT))
                .hasMessageContaining("is not a time zone");
    }

    @Test
    void suspendedWithAReasonAndReopenedWithOne() {
        District ceres = District.create("ceres", "Ceres Unified", "America/Los_Angeles", AT);
        assertThatThrownBy(() -> ceres.suspend("because", AT)).hasMessageContaining("Say why");
        assertThatThrownBy(() -> ceres.reopen("Contract renewed", AT)).hasMessageContaining("is not suspended");
        District suspended = ceres.suspend("Contract ended in June", AT);
        assertThat(suspended.isSuspended()).isTrue();
        assertThat(suspended.suspendedWhy()).isEqualTo("Contract ended in June");
        assertThatThrownBy(() -> suspended.suspend("Contract ended in June", AT)).hasMessageContaining("already");
        assertThat(suspended.reopen("Contract renewed", AT).isSuspended()).isFalse();
    }
}
