package org.steward.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.steward.Fixtures;
import org.steward.acknowledgments.AcknowledgmentSigned;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.SignaturePage;
import org.steward.acknowledgments.Signing;
import org.steward.acknowledgments.Statement;
import org.steward.districts.District;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;
import org.steward.staff.StaffSeparated;

/**
 * The devices module with the modules it depends on and nothing else (no monitoring, no pages of others): the flows
 * in which it hears what the others decided. A separation published by the roster opens the returns checklist; an
 * acknowledgment signed in its module releases the hand-over that waited for it.
 */
// ModularityTests verifies the modules, with the engine counted as the library it is, not as a module
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false,
        extraIncludes = {"database", "accounts"})
@Import(Fixtures.class)
@TestPropertySource(properties = {"steward.db.ephemeral=true", "steward.demo.enabled=false",
        "steward.audit.key=${random.value}${random.value}",
        "steward.audit.checkpoints=target/test-audit-checkpoints/${random.uuid}"})
class DevicesModuleTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,2019-08-01,active
            """;
    static final String DEVICES = """
            asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
            L-100,SN100,laptop,Latitude 3440,ESSER,2024-07-01,849.00,LES,,yes,2026-07-30,yes,
            """;

    @Autowired Fixtures fixtures;
    @Autowired StaffDirectory staff;
    @Autowired Inventory inventory;
    @Autowired Handovers handovers;
    @Autowired DeviceSettings settings;
    @Autowired Returns returns;
    @Autowired PolicyLibrary policies;
    @Autowired Campaigns campaigns;
    @Autowired Signing signing;
    @Autowired SignaturePage signaturePage;

    District district;
    StaffMember ana;

    @BeforeEach
    void district() {
        district = fixtures.district("Devices module");
        fixtures.roster(district, ROSTER);
        ana = staff.active(district.id()).stream().filter(m -> m.employeeId().equals("T1")).findFirst().orElseThrow();
        inventory.importFile(district.id(), "devices.csv", DEVICES.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSeparationOpensTheReturnsChecklistOfWhatTheEmployeeHolds(Scenario scenario) {
        settings.save(district.id(), new DeviceSettings.Settings(DeviceSettings.DEFAULT_STATEMENTS, false));
        Handovers.Handover handover = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        handovers.sign(district.id(), handover.id(), ana.id(), Set.of(0, 1, 2, 3), "Ana Alvarez", "192.0.2.7", "t");
        LocalDate lastDay = LocalDate.now().minusDays(1);

        scenario.publish(new StaffSeparated(district.id(), ana.id(), "T1", lastDay))
                .andWaitForStateChange(() -> returns.checklists(district.id(), false), list -> !list.isEmpty())
                .andVerify(list -> assertThat(list).singleElement().satisfies(checklist -> {
                    assertThat(checklist.stillOut()).extracting(Device::assetTag).containsExactly("L-100");
                    assertThat(checklist.dueOn()).isEqualTo(lastDay.plusDays(3));
                }));
    }

    @Test
    void anAcknowledgmentSignedReleasesTheHandOverThatWaitedForIt(Scenario scenario,
                                                                  AssertablePublishedEvents events) {
        settings.save(district.id(), new DeviceSettings.Settings(DeviceSettings.DEFAULT_STATEMENTS, true));
        Handovers.Handover waiting = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        assertThat(waiting.awaitingAcknowledgment()).isTrue();
        Policy policy = fixtures.modelPolicy(district);
        Campaign campaign = campaigns.open(district.id(), new Campaigns.Opening("2026-27",
                policies.version(district.id(), policy.id(), 1).orElseThrow().id(), Set.of(), Set.of(),
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30)), "hr");

        scenario.stimulate(() -> signing.sign(district.id(), campaign.id(), ana.id(), new Signing.Submission(
                        signaturePage.statements(district.id()).stream().map(Statement::id)
                                .collect(Collectors.toSet()), "Ana Alvarez", "192.0.2.7", "test", null)))
                .andWaitForStateChange(() -> handovers.find(district.id(), waiting.id()).orElseThrow(),
                        Handovers.Handover::awaitingSignature)
                .andVerify(handover -> assertThat(events.ofType(AcknowledgmentSigned.class)
                        .matching(signed -> signed.staffId() == ana.id())).hasSize(1));
    }
}
