package org.steward.engine.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LocalDaysTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void daysAskedInAnyOrderAgreeWithJavaTimeAcrossBothDaylightSavingChanges() {
        LocalDays days = new LocalDays(LOS_ANGELES);
        long from = Instant.parse("2025-12-25T00:00:00Z").toEpochMilli();
        long span = Instant.parse("2027-01-05T00:00:00Z").toEpochMilli() - from;
        Random random = new Random(4040);
        for (int i = 0; i < 200_000; i++) {
            long millis = from + (long) (random.nextDouble() * span);
            LocalDate expected = Instant.ofEpochMilli(millis).atZone(LOS_ANGELES).toLocalDate();
            assertThat(days.dayOf(millis)).as("day of %d", millis).isEqualTo(expected);
            assertThat(days.dayStart(millis)).isEqualTo(expected.atStartOfDay(LOS_ANGELES).toInstant().toEpochMilli());
            assertThat(days.dayEnd(millis))
                    .isEqualTo(expected.plusDays(1).atStartOfDay(LOS_ANGELES).toInstant().toEpochMilli());
        }
    }

    @Test
    void theDayDaylightSavingStartsHasTwentyThreeHoursAndTheDayItEndsTwentyFive() {
        LocalDays days = new LocalDays(LOS_ANGELES);
        long spring = days.startOf(LocalDate.of(2026, 3, 8));
        long autumn = days.startOf(LocalDate.of(2026, 11, 1));
        assertThat(days.dayEnd(spring) - spring).isEqualTo(23 * 3_600_000L);
        assertThat(days.dayEnd(autumn) - autumn).isEqualTo(25 * 3_600_000L);
        assertThat(days.millisIntoDay(spring + 5 * 3_600_000L)).isEqualTo(5 * 3_600_000L);
    }

    @Test
    void dayOfWeekIndexStartsTheWeekOnMonday() {
        for (LocalDate d = LocalDate.of(2026, 11, 16); d.isBefore(LocalDate.of(2026, 11, 30)); d = d.plusDays(1)) {
            assertThat(LocalDays.dayOfWeekIndex(d.toEpochDay())).isEqualTo(d.getDayOfWeek().getValue() - 1);
        }
        assertThat(LocalDays.dayOfWeekIndex(LocalDate.of(1969, 12, 29).toEpochDay())).isZero();
    }
}
