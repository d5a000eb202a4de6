package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.MonthDay;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

/**
 * What an administrator sets for publishing is what every check then reads: the grade bands, the limited
 * identification, the year's start and each school's level, whether the district saved its settings or not, and
 * never another district's.
 */
@StewardTest
class PublishingSettingsTest {

    @Autowired Fixtures fixtures;
    @Autowired PublishingSetup setup;

    @Test
    void theChecksReadTheSettingsAndSchoolLevelsTheAdministratorSaved() {
        District district = fixtures.district("Settings");
        District other = fixtures.district("Other settings");
        setup.saveSchoolLevel(district.id(), "JHS", GradeBand.INTERMEDIATE);
        assertThat(setup.settings(district.id())).isEqualTo(new PublishingSettings(9,
                PublishingSettings.LimitedForm.FIRST_AND_LAST_INITIAL, MonthDay.of(7, 1),
                Map.of("JHS", GradeBand.INTERMEDIATE)));

        setup.saveSettings(district.id(), 7, PublishingSettings.LimitedForm.FIRST_ONLY, MonthDay.of(8, 15));
        setup.saveSchoolLevel(district.id(), "RHS", GradeBand.HIGH);
        PublishingSettings saved = setup.settings(district.id());
        assertThat(saved).isEqualTo(new PublishingSettings(7, PublishingSettings.LimitedForm.FIRST_ONLY,
                MonthDay.of(8, 15), Map.of("JHS", GradeBand.INTERMEDIATE, "RHS", GradeBand.HIGH)));
        assertThat(saved.band("JHS", "9")).isEqualTo(GradeBand.INTERMEDIATE);
        assertThat(saved.band("LES", "7")).isEqualTo(GradeBand.HIGH);

        assertThat(setup.settings(other.id())).isEqualTo(PublishingSettings.defaults());
    }
}
