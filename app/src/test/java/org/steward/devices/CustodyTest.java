package org.steward.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.steward.Fixtures;
import org.steward.StewardTest;
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

/**
 * The rules of custody: the inventory import is all or nothing, a device has one possessor at a time, unencrypted
 * portable storage is never handed over, a hand-over needs the employee's own signature (and, by the district's
 * setting, a current acknowledgment of the acceptable-use policy), a return records the condition, and a
 * confiscation ends the employee's possession.
 */
@StewardTest
class CustodyTest {

    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            T2,Ben,Brown,ben@example.org,RHS,Teacher,,2020-08-01,active
            """;
    static final String DEVICES = """
            asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
            L-100,SN100,laptop,Latitude 3440,ESSER,2024-07-01,849.00,LES,AA-BB-CC-00-11-22,yes,2026-07-30,yes,
            L-101,SN101,laptop,Latitude 3440,ESSER,2024-07-01,849.00,RHS,,yes,2026-07-30,yes,in_stock
            U-200,SN200,portable_storage,Kingston 64GB,General fund,2025-01-10,19.99,LES,,no,,no,
            U-201,SN201,portable_storage,IronKey 64GB,General fund,2025-01-10,89.00,Lincoln Elementary,,no,,yes,
            """;

    @Autowired Fixtures fixtures;
    @Autowired Inventory inventory;
    @Autowired Custody custody;
    @Autowired Handovers handovers;
    @Autowired DeviceSettings deviceSettings;
    @Autowired Incidents incidents;
    @Autowired Returns returns;
    @Autowired ContentAccess access;
    @Autowired TakeHome takeHome;
    @Autowired org.steward.approvals.Approvals approvals;
    @Autowired org.steward.accounts.AccountDirectory accounts;
    @Autowired DeviceAudits audits;
    @Autowired org.steward.districts.Sites sites;
    @Autowired StaffDirectory staff;
    @Autowired PolicyLibrary policies;
    @Autowired Campaigns campaigns;
    @Autowired Signing signing;
    @Autowired SignaturePage signaturePage;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    District district;

    @BeforeEach
    void district() {
        district = fixtures.district("Devices");
        fixtures.roster(district, ROSTER);
        assertThat(inventory.importFile(district.id(), "devices.csv", DEVICES.getBytes(StandardCharsets.UTF_8))
                .created()).isEqualTo(4);
        deviceSettings.save(district.id(), new DeviceSettings.Settings(DeviceSettings.DEFAULT_STATEMENTS, false));
    }

    @Test
    void aHandOverCitesTheClauseThatMakesTheEmployeeThePossessor() throws Exception {
        Policy policy = fixtures.modelPolicy(district);
        long version = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        Handovers.Handover handover = handovers.prepare(district.id(), member("T1").id(), List.of("L-100"), "tech");
        assertThat(handover.citation()).isEqualTo(new org.steward.policies.ClauseReference(version, "G.1"));
        mvc.perform(get("/devices/handovers/" + handover.id()).with(user(fixtures.user(district,
                        org.steward.accounts.Role.TECHNOLOGY)))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is its authorized possessor")));
        assertThatThrownBy(() -> deviceSettings.save(district.id(), new DeviceSettings.Settings(
                DeviceSettings.DEFAULT_STATEMENTS, false, 3, 30, "Z.9"))).hasMessageContaining("has no clause Z.9");
    }

    @Test
    void aSeparatedEmployeesHandOverIsCancelledAndItsDevicesFreeForAnother() {
        StaffMember ana = member("T1");
        Handovers.Handover waiting = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        staff.separate(district.id(), ana.id(), LocalDate.now(), "resigned");
        org.awaitility.Awaitility.await().until(() -> handovers.find(district.id(), waiting.id()).orElseThrow()
                .status().equals("CANCELLED"));
        assertThat(handovers.prepare(district.id(), member("T2").id(), List.of("L-100"), "tech").awaitingSignature())
                .isTrue();
    }

    @Test
    void twoTechniciansPreparingOneDeviceAtOncePrepareOneHandOver() throws Exception {
        List<Object> outcomes = org.steward.AtOnce.both(
                () -> handovers.prepare(district.id(), member("T1").id(), List.of("L-101"), "tech-1"),
                () -> handovers.prepare(district.id(), member("T2").id(), List.of("L-101"), "tech-2"));
        assertThat(outcomes).filteredOn(Handovers.Handover.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Custody.Refused.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Exception) e).getMessage()).contains("already in a hand-over"));
    }

    @Test
    void twoSignaturesAtOnceRecordOneAndTheDevicesChangeHandsOnce() throws Exception {
        StaffMember ana = member("T1");
        Handovers.Handover handover = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        List<Object> outcomes = org.steward.AtOnce.both(
                () -> handovers.sign(district.id(), handover.id(), ana.id(), all(), "Ana Alvarez", "192.0.2.7", "a"),
                () -> handovers.sign(district.id(), handover.id(), ana.id(), all(), "Ana Alvarez", "192.0.2.7", "b"));
        assertThat(outcomes).filteredOn(Handovers.Handover.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Custody.Refused.class::isInstance).hasSize(1);
        long laptop = inventory.findByTag(district.id(), "L-100").orElseThrow().id();
        assertThat(custody.history(district.id(), laptop)).extracting(Custody.Period::holder)
                .containsExactly("Ana Alvarez", "District");
    }

    @Test
    void aSignedHandOverIsKeptAsItWasAndNamesOnlyTheDistrictsOwnDevices() {
        StaffMember ana = member("T1");
        Handovers.Handover handover = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        handovers.sign(district.id(), handover.id(), ana.id(), all(), "Ana Alvarez", "192.0.2.7", "test");
        assertThatThrownBy(() -> jdbc.sql("update device_handover set typed_name = 'Someone Else' where id = ?")
                .param(handover.id()).update()).hasMessageContaining("was already signed and is kept as it was");
        assertThatThrownBy(() -> jdbc.sql("delete from device_handover where id = ?").param(handover.id()).update())
                .hasMessageContaining("cannot be deleted");
        District other = fixtures.district("Elsewhere");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into device_handover (district_id, staff_id, devices, prepared_by, prepared_at, status)
                        values (?, ?, array[?]::bigint[], 'tech', now(), 'AWAITING_SIGNATURE')""")
                .params(other.id(), ana.id(), handover.deviceIds().get(0)).update())
                .hasMessageContaining("is not one of district " + other.id() + "'s");
    }

    @Test
    void anImportWithAnyBadLineChangesNothingAndSaysWhatIsWrongLineByLine() {
        DeviceImport refused = inventory.importFile(district.id(), "more.csv", """
                asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
                L-300,SN300,laptop,Latitude,ESSER,2024-07-01,849.00,LES,,yes,,yes,
                ,SN301,toaster,Latitude,ESSER,07/01/2024,cheap,XYZ,not-a-mac,maybe,,yes,assigned
                L-300,SN302,laptop,Latitude,ESSER,,,,,,,,
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.applied()).isFalse();
        assertThat(refused.problems()).extracting(p -> "line " + p.line() + ": " + p.reason()).containsExactly(
                "line 3: missing asset tag",
                "line 3: unknown type 'toaster' (one of [laptop, tablet, phone, hotspot, desktop, portable_storage, other])",
                "line 3: status 'assigned' comes from a hand-over or a confiscation in Steward, not from a file",
                "line 3: purchase date '07/01/2024' is not a date like 2024-08-15",
                "line 3: purchase cost 'cheap' is not an amount like 349.99",
                "line 3: MAC address 'not-a-mac' is not like aa:bb:cc:dd:ee:ff",
                "line 3: managed 'maybe' is not yes or no",
                "line 3: unknown site 'XYZ'",
                "line 4: asset tag L-300 is also on line 2");
        assertThat(inventory.count(district.id())).isEqualTo(4);
        assertThat(inventory.findByTag(district.id(), "L-100").orElseThrow().macAddresses())
                .containsExactly("aa:bb:cc:00:11:22");
        DeviceImport again = inventory.importFile(district.id(), "devices.csv",
                DEVICES.getBytes(StandardCharsets.UTF_8));
        assertThat(again.unchanged()).isEqualTo(4);
    }

    @Test
    void amountsAreReadAsASpreadsheetWritesThemWithADollarSignAndThousandsCommas() {
        String header = "asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,"
                + "mac_addresses,managed,last_patched_on,encrypted,status\n";
        DeviceImport imported = inventory.importFile(district.id(), "costs.csv", (header
                + "C-1,SNC1,laptop,Latitude,ESSER,,$899.00,LES,,yes,,yes,\n"
                + "C-2,SNC2,laptop,Latitude,ESSER,,\"$1,249.00\",LES,,yes,,yes,\n"
                + "C-3,SNC3,laptop,Latitude,ESSER,,\"1,249.5\",LES,,yes,,yes,\n"
                + "C-4,SNC4,laptop,Latitude,ESSER,,$ 12,LES,,yes,,yes,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(imported.problems()).isEmpty();
        assertThat(List.of("C-1", "C-2", "C-3", "C-4")).map(tag -> inventory.findByTag(district.id(), tag)
                .orElseThrow().purchaseCost().toPlainString()).containsExactly("899.00", "1249.00", "1249.50", "12.00");

        DeviceImport refused = inventory.importFile(district.id(), "costs.csv", (header
                + "C-5,SNC5,laptop,Latitude,ESSER,,\"1.249,00\",LES,,yes,,yes,\n"
                + "C-6,SNC6,laptop,Latitude,ESSER,,\"$12,34\",LES,,yes,,yes,\n"
                + "C-7,SNC7,laptop,Latitude,ESSER,,-5,LES,,yes,,yes,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refused.problems()).extracting(p -> "line " + p.line() + ": " + p.reason()).containsExactly(
                "line 2: purchase cost '1.249,00' is not an amount like 349.99",
                "line 3: purchase cost '$12,34' is not an amount like 349.99",
                "line 4: purchase cost -5 is negative");
        assertThat(inventory.findByTag(district.id(), "C-5")).isEmpty();
    }

    @Test
    void eachMacAddressOfADeviceNamesWhoeverHoldsIt() {
        inventory.importFile(district.id(), "more.csv", """
                asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
                L-400,SN400,laptop,Latitude,ESSER,2024-07-01,849.00,LES,"AA-BB-CC-00-44-02 , aa:bb:cc:00:44:01",yes,,yes,
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(inventory.findByTag(district.id(), "L-400").orElseThrow().macAddresses())
                .containsExactly("aa:bb:cc:00:44:02", "aa:bb:cc:00:44:01");
        handOverToAna("L-400", "L-101"); // L-101 has no address: it names nobody
        long ana = member("T1").id();
        // L-100 has an address but is the district's: no employee holds it
        assertThat(custody.macHoldings(district.id())).extracting(Custody.MacHolding::mac,
                        Custody.MacHolding::staffId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("aa:bb:cc:00:44:02", ana),
                        org.assertj.core.groups.Tuple.tuple("aa:bb:cc:00:44:01", ana));
    }

    @Test
    void aSnipeItExportImportsWithItsCategoriesAndStatuses() {
        DeviceImport snipe = inventory.importFile(district.id(), "assets.csv", """
                ID,Company,Name,Asset Tag,Model,Model No.,Category,Status,Checked Out To,Location,Serial,Purchase Date,Purchase Cost,Order Number,Supplier,MAC Address,Notes
                1,Sample USD,,SN-0001,Chromebook 314,C314,Chromebooks,Ready to Deploy,,Roosevelt High,5CD1,2023-08-01,"$1,249.00",PO-77,CDW,00:1A:2B:3C:4D:5E,
                2,Sample USD,,SN-0002,Jetpack,MiFi 8800L,Hotspots,Lost/Stolen,,,99X,2022-01-05 00:00:00,120,,,,
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(snipe.problems()).isEmpty();
        assertThat(snipe.format()).isEqualTo("snipe-it");
        Device chromebook = inventory.findByTag(district.id(), "SN-0001").orElseThrow();
        assertThat(chromebook.type()).isEqualTo(Device.Type.LAPTOP);
        assertThat(chromebook.purchaseCost()).isEqualByComparingTo("1249.00");
        assertThat(chromebook.siteId()).isNotNull();
        assertThat(inventory.findByTag(district.id(), "SN-0002").orElseThrow().status()).isEqualTo(Device.Status.LOST);
    }

    @Test
    void devicesHandedOverInOneSignatureHaveOnePossessorUntilReturnedOrConfiscated() {
        StaffMember ana = member("T1");
        Handovers.Handover handover = handovers.prepare(district.id(), ana.id(), List.of("L-100", "U-201"), "tech");
        assertThat(custody.heldBy(district.id(), ana.id())).isEmpty(); // not before she signs
        assertThat(jdbc.sql("select subject from mail_message where district_id = ? and recipient = 'ana@example.org'")
                .param(district.id()).query(String.class).list()).containsExactly("Devices to sign for: L-100, U-201");

        assertThatThrownBy(() -> handovers.sign(district.id(), handover.id(), ana.id(), Set.of(0, 1, 2),
                "Ana Alvarez", "192.0.2.7", "test")).hasMessageContaining("1 of 4 is not ticked");
        assertThatThrownBy(() -> handovers.sign(district.id(), handover.id(), member("T2").id(), all(),
                "Ben Brown", "192.0.2.7", "test")).hasMessageContaining("no such hand-over for you");
        Handovers.Handover signed = handovers.sign(district.id(), handover.id(), ana.id(), all(), "ana alvarez",
                "192.0.2.7", "test");
        assertThat(signed.status()).isEqualTo("SIGNED");
        assertThat(signed.statements()).isEqualTo(DeviceSettings.DEFAULT_STATEMENTS);
        assertThat(custody.heldBy(district.id(), ana.id())).extracting(Device::assetTag)
                .containsExactly("L-100", "U-201");
        Device laptop = inventory.findByTag(district.id(), "L-100").orElseThrow();
        assertThat(laptop.status()).isEqualTo(Device.Status.ASSIGNED);

        // nobody else can be handed a device someone holds, and the database holds one possessor per device
        assertThatThrownBy(() -> handovers.prepare(district.id(), member("T2").id(), List.of("L-100"), "tech"))
                .hasMessageContaining("L-100 is not in stock (assigned, possessed by Ana Alvarez; a transfer can "
                        + "move it)");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into device_custody (district_id, device_id, staff_id, from_at, began_with, recorded_by)
                values (?, ?, ?, now(), 'HANDOVER', 'someone')""").params(district.id(), laptop.id(),
                member("T2").id()).update()).hasMessageContaining("device_custody_one_possessor");

        assertThatThrownBy(() -> custody.recordReturn(district.id(), laptop.id(), "damaged", "", "tech"))
                .hasMessageContaining("needs notes");
        custody.recordReturn(district.id(), laptop.id(), "damaged", "cracked hinge", "tech");
        assertThat(custody.holder(laptop.id())).isEmpty();
        assertThat(inventory.find(district.id(), laptop.id()).orElseThrow().status()).isEqualTo(Device.Status.DAMAGED);

        Device storage = inventory.findByTag(district.id(), "U-201").orElseThrow();
        assertThatThrownBy(() -> custody.confiscate(district.id(), storage.id(), " ", "investigator"))
                .hasMessageContaining("reason");
        custody.confiscate(district.id(), storage.id(), "Evidence in investigation 12", "investigator");
        assertThat(custody.heldBy(district.id(), ana.id())).isEmpty();
        assertThat(custody.history(district.id(), storage.id())).extracting(Custody.Period::holder,
                        Custody.Period::beganWith, Custody.Period::endedWith)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("District", "CONFISCATION", null),
                        org.assertj.core.groups.Tuple.tuple("Ana Alvarez", "HANDOVER", "CONFISCATION"),
                        org.assertj.core.groups.Tuple.tuple("District", "INVENTORY", "HANDOVER"));
        assertThat(inventory.find(district.id(), storage.id()).orElseThrow().status())
                .isEqualTo(Device.Status.CONFISCATED);
    }

    @Test
    void aTransferMovesPossessionStraightToTheNextEmployeeWhenTheySign() {
        StaffMember ana = member("T1");
        StaffMember ben = member("T2");
        Handovers.Handover first = handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech");
        handovers.sign(district.id(), first.id(), ana.id(), all(), "Ana Alvarez", "192.0.2.7", "test");
        Handovers.Handover transfer = handovers.prepare(district.id(), ben.id(), List.of("L-100"), true, "tech");
        assertThat(custody.heldBy(district.id(), ana.id())).extracting(Device::assetTag).containsExactly("L-100");
        handovers.sign(district.id(), transfer.id(), ben.id(), all(), "Ben Brown", "192.0.2.8", "test");
        assertThat(custody.heldBy(district.id(), ana.id())).isEmpty();
        assertThat(custody.heldBy(district.id(), ben.id())).extracting(Device::assetTag).containsExactly("L-100");
        long laptop = inventory.findByTag(district.id(), "L-100").orElseThrow().id();
        assertThat(custody.history(district.id(), laptop)).extracting(Custody.Period::holder)
                .containsExactly("Ben Brown", "Ana Alvarez", "District");
        assertThatThrownBy(() -> handovers.prepare(district.id(), ben.id(), List.of("L-100"), true, "tech"))
                .hasMessageContaining("L-100 is already theirs");
    }

    @Test
    void unencryptedPortableStorageIsNeverHandedOver() {
        assertThatThrownBy(() -> handovers.prepare(district.id(), member("T1").id(), List.of("L-101", "U-200"),
                "tech")).hasMessageContaining("U-200 is portable storage that is not encrypted (Stanislaus 9.g)");
        assertThat(handovers.of(district.id(), member("T1").id())).isEmpty();
    }

    @Test
    void aHandOverWaitsForTheAcknowledgmentTheDistrictRequiresAndRecordsTheVersionAcknowledged() {
        deviceSettings.save(district.id(), new DeviceSettings.Settings(DeviceSettings.DEFAULT_STATEMENTS, true));
        StaffMember ana = member("T1");
        Handovers.Handover waiting = handovers.prepare(district.id(), ana.id(), List.of("L-101"), "tech");
        assertThat(waiting.awaitingAcknowledgment()).isTrue();
        assertThatThrownBy(() -> handovers.sign(district.id(), waiting.id(), ana.id(), all(), "Ana Alvarez",
                "192.0.2.7", "test")).hasMessageContaining("First sign the district's acceptable-use policy");
        assertThat(custody.heldBy(district.id(), ana.id())).isEmpty();
        assertThatThrownBy(() -> handovers.prepare(district.id(), member("T2").id(), List.of("L-101"), "tech"))
                .hasMessageContaining("L-101 is already in a hand-over waiting for a signature");

        Policy policy = fixtures.modelPolicy(district);
        long version = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        Campaign campaign = campaigns.open(district.id(), new Campaigns.Opening("2026-27", version, Set.of(),
                Set.of(), LocalDate.now().minusDays(1), LocalDate.now().plusDays(30)), "hr");
        signing.sign(district.id(), campaign.id(), ana.id(), new Signing.Submission(
                signaturePage.statements(district.id()).stream().map(Statement::id).collect(Collectors.toSet()),
                "Ana Alvarez", "192.0.2.7", "test", null));
        // the acknowledgment releases the hand-over (devices hears of it as an event, after the signing commits)
        org.awaitility.Awaitility.await().until(() -> handovers.find(district.id(), waiting.id()).orElseThrow()
                .awaitingSignature());
        assertThat(jdbc.sql("select subject from mail_message where recipient = 'ana@example.org' and district_id = ? "
                        + "and subject like 'Devices%' order by id").param(district.id()).query(String.class).list())
                .containsExactly("Devices waiting for you: L-101", "Devices to sign for: L-101");
        Handovers.Handover signed = handovers.sign(district.id(), waiting.id(), ana.id(), all(), "Ana Alvarez",
                "192.0.2.7", "test");
        assertThat(signed.policyVersion()).isEqualTo(1);
        assertThat(signed.policySha256()).isEqualTo(policies.version(district.id(), policy.id(), 1).orElseThrow()
                .sha256());
        assertThat(handovers.prepare(district.id(), ana.id(), List.of("L-100"), "tech").awaitingSignature())
                .as("acknowledged now").isTrue();
    }

    @Test
    void aTheftNeedsThePoliceReportThenTechnologyDecidesWhoPaysAndTheEmployeeIsToldEachStep() {
        StaffMember ana = member("T1");
        handOverToAna("L-100", "L-101");
        Device laptop = inventory.findByTag(district.id(), "L-100").orElseThrow();

        assertThatThrownBy(() -> incidents.report(district.id(), laptop.id(), ana.id(), new Incidents.Report(
                Incidents.Kind.THEFT, "Taken from my car", LocalDate.now().minusDays(1), "Staff parking lot", "",
                null, null, null))).hasMessage("Not reported: a theft needs the police report's number; "
                + "a theft needs the police report attached.");
        assertThatThrownBy(() -> incidents.report(district.id(), laptop.id(), member("T2").id(), new Incidents.Report(
                Incidents.Kind.LOSS, "?", LocalDate.now(), "?", "", null, null, null)))
                .hasMessageContaining("Only the possessor of L-100");
        assertThat(incidents.of(district.id(), ana.id())).isEmpty();
        assertThat(custody.holder(laptop.id()).orElseThrow().staffId()).isEqualTo(ana.id());

        Incidents.Incident theft = incidents.report(district.id(), laptop.id(), ana.id(), new Incidents.Report(
                Incidents.Kind.THEFT, "Taken from my car", LocalDate.now().minusDays(1), "Staff parking lot",
                "SPD-2026-1187", "%PDF-1.4 police report".getBytes(StandardCharsets.UTF_8), "report.pdf",
                "application/pdf"));
        assertThat(inventory.find(district.id(), laptop.id()).orElseThrow().status()).isEqualTo(Device.Status.STOLEN);
        assertThat(custody.holder(laptop.id())).isEmpty(); // no longer in her possession
        assertThat(custody.heldBy(district.id(), ana.id())).extracting(Device::assetTag).containsExactly("L-101");

        assertThatThrownBy(() -> incidents.decide(district.id(), theft.id(), new java.math.BigDecimal("849.00"),
                Incidents.Decision.CHARGE, "", "tech")).hasMessageContaining("needs the reason");
        Incidents.Incident decided = incidents.decide(district.id(), theft.id(), new java.math.BigDecimal("849.00"),
                Incidents.Decision.INSURANCE, "Covered by the district's policy", "tech");
        assertThat(decided.decidedBy()).isEqualTo("tech");
        assertThat(decided.decision()).isEqualTo(Incidents.Decision.INSURANCE);
        assertThat(jdbc.sql("select subject from mail_message where recipient = 'ana@example.org' and district_id = ? "
                + "order by id").param(district.id()).query(String.class).list())
                .containsExactly("Devices to sign for: L-100, L-101", "Received: your report of the theft of L-100",
                        "Decided: your report of L-100");
    }

    @Test
    void separationOpensAReturnChecklistAndTheSupervisorIsToldOnceWhenItIsOverdue() {
        withSupervisor();
        StaffMember ana = member("T1");
        handOverToAna("L-100", "L-101");
        LocalDate lastDay = LocalDate.now().minusDays(10);
        staff.separate(district.id(), ana.id(), lastDay, "resigned");
        Returns.Checklist checklist = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> returns.checklists(district.id(), false), l -> !l.isEmpty()).get(0);
        assertThat(checklist.dueOn()).isEqualTo(lastDay.plusDays(3));
        assertThat(checklist.stillOut()).extracting(Device::assetTag).containsExactly("L-100", "L-101");
        assertThat(checklist.supervisorEmail()).isEqualTo("pat@example.org");

        custody.recordReturn(district.id(), inventory.findByTag(district.id(), "L-100").orElseThrow().id(), "good",
                "", "tech");
        assertThat(returns.checklists(district.id(), false).get(0).stillOut()).extracting(Device::assetTag)
                .containsExactly("L-101");
        assertThat(returns.escalate(district.id())).isEqualTo(1);
        assertThat(returns.escalate(district.id())).isZero();
        assertThat(jdbc.sql("select subject from mail_message where recipient = 'pat@example.org' and district_id = ?")
                .param(district.id()).query(String.class).list()).containsExactly("Devices not returned: Ana Alvarez");
        custody.recordReturn(district.id(), inventory.findByTag(district.id(), "L-101").orElseThrow().id(), "good",
                "", "tech");
        assertThat(returns.checklists(district.id(), false)).isEmpty();
    }

    @Test
    void computersUnmanagedOrNotPatchedRecentlyAreListedWithWhoHoldsThem() {
        String more = """
                asset_tag,serial_number,type,model,funding_source,purchase_date,purchase_cost,site,mac_addresses,managed,last_patched_on,encrypted,status
                D-1,SD1,desktop,OptiPlex,,,,LES,,no,,no,
                D-2,SD2,desktop,OptiPlex,,,,LES,,yes,2020-01-01,no,
                D-3,SD3,desktop,OptiPlex,,,,LES,,yes,%s,no,
                D-4,SD4,desktop,OptiPlex,,,,LES,,no,,no,retired
                """.formatted(LocalDate.now().minusDays(2));
        assertThat(inventory.importFile(district.id(), "more.csv", more.getBytes(StandardCharsets.UTF_8)).applied())
                .isTrue();
        assertThat(inventory.unsafe(district.id(), 30, LocalDate.now())).extracting(Inventory.Listing::assetTag)
                .containsExactly("D-1", "D-2", "L-100", "L-101"); // the laptops were last patched 2026-07-30
    }

    @Test
    void everyAccessToADevicesContentHasALegalBasisThatFitsIt() {
        StaffMember ana = member("T1");
        Device laptop = inventory.findByTag(district.id(), "L-100").orElseThrow();
        assertThatThrownBy(() -> access.record(district.id(), laptop.id(), ContentAccess.Basis.POSSESSOR_CONSENT,
                "form 7", "Check for malware", "tech")).hasMessageContaining("no employee possessor");
        assertThatThrownBy(() -> access.record(district.id(), laptop.id(), ContentAccess.Basis.OWNER_CONSENT_LOST_STOLEN,
                "", "Locate it", "tech")).hasMessageContaining("is not reported lost or stolen (in stock)");
        assertThatThrownBy(() -> access.record(district.id(), laptop.id(), ContentAccess.Basis.WARRANT, " ",
                "Subpoenaed", "investigator")).hasMessageContaining("warrant's number");
        assertThat(access.log(district.id(), laptop.id())).isEmpty();

        handOverToAna("L-100");
        access.record(district.id(), laptop.id(), ContentAccess.Basis.POSSESSOR_CONSENT, "Consent form 2026-14",
                "She asked for help recovering a file", "tech");
        access.record(district.id(), laptop.id(), ContentAccess.Basis.WARRANT, "Warrant 26-CR-0042",
                "Served by the county sheriff", "investigator");
        assertThat(access.log(district.id(), laptop.id())).extracting(ContentAccess.Access::basis,
                ContentAccess.Access::accessedBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ContentAccess.Basis.WARRANT, "investigator"),
                org.assertj.core.groups.Tuple.tuple(ContentAccess.Basis.POSSESSOR_CONSENT, "tech"));
    }

    @Test
    void takingADeviceHomeGoesThroughTheSupervisorsApprovalWithAnEndDate() {
        withSupervisor();
        StaffMember ana = member("T1");
        handOverToAna("L-100", "L-101");
        long l100 = inventory.findByTag(district.id(), "L-100").orElseThrow().id();
        long l101 = inventory.findByTag(district.id(), "L-101").orElseThrow().id();
        var anaUser = account(ana, org.steward.accounts.Role.EMPLOYEE);
        var patUser = account(member("P1"), org.steward.accounts.Role.SUPERVISOR);
        var benUser = account(member("T2"), org.steward.accounts.Role.EMPLOYEE);

        assertThatThrownBy(() -> takeHome.request(district.id(), l100, benUser, "grading", LocalDate.now().plusDays(7)))
                .hasMessageContaining("Only the device's possessor");
        var asked = takeHome.request(district.id(), l100, anaUser, "Grading at home this week",
                LocalDate.now().plusDays(7));
        assertThat(asked.clause()).isEqualTo("G.3");
        assertThat(approvals.inbox(district.id(), patUser)).extracting(org.steward.approvals.Request::id)
                .containsExactly(asked.id());
        assertThat(approvals.inbox(district.id(), benUser)).isEmpty();
        approvals.decide(district.id(), asked.id(), patUser, true, "", "");
        // devices hears of each decision as an event, once the decision has committed
        org.awaitility.Awaitility.await().until(() -> jdbc.sql("select count(*) from device_take_home where "
                + "district_id = ?").param(district.id()).query(Integer.class).single() == 1);
        assertThat(takeHome.withoutCurrentPermission(district.id())).isEmpty();

        var denied = takeHome.request(district.id(), l101, anaUser, "Weekend", LocalDate.now().plusDays(2));
        approvals.decide(district.id(), denied.id(), patUser, false, "", "Not needed at home");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(takeHome.withoutCurrentPermission(
                district.id())).extracting(TakeHome.OffSite::assetTag).containsExactly("L-101"));
        assertThat(takeHome.of(district.id(), ana.id())).hasSize(2);
    }

    org.steward.accounts.StewardUser account(StaffMember member, org.steward.accounts.Role role) {
        return fixtures.account(district, member, role);
    }

    @Test
    void aSiteAuditFlagsWhatNobodyConfirmed() {
        long les = inventory.findByTag(district.id(), "L-100").orElseThrow().siteId();
        DeviceAudits.Audit audit = audits.open(district.id(), les, "tech");
        audits.confirm(district.id(), audit.id(), "l-100", "ana");
        assertThatThrownBy(() -> audits.confirm(district.id(), audit.id(), "L-101", "ana"))
                .hasMessageContaining("belongs to another site");
        assertThatThrownBy(() -> audits.confirm(district.id(), audit.id(), "NOPE", "ana"))
                .hasMessageContaining("No device has asset tag NOPE");
        assertThat(audits.missing(district.id(), audit.id())).extracting(Inventory.Listing::assetTag)
                .containsExactly("U-200", "U-201");
        audits.close(district.id(), audit.id());
        assertThatThrownBy(() -> audits.confirm(district.id(), audit.id(), "U-200", "ana"))
                .hasMessageContaining("closed");
        assertThat(audits.find(district.id(), audit.id()).orElseThrow().confirmed()).isEqualTo(1);
    }

    @Test
    void eachRoleReachesOnlyTheDevicePagesItNeedsAndOnlyItsOwnDistrictsDevices() throws Exception {
        long laptop = inventory.findByTag(district.id(), "L-100").orElseThrow().id();
        var employee = fixtures.user(district, org.steward.accounts.Role.EMPLOYEE);
        var technology = fixtures.user(district, org.steward.accounts.Role.TECHNOLOGY);
        var investigator = fixtures.user(district, org.steward.accounts.Role.INVESTIGATOR);
        var otherTechnology = fixtures.user(fixtures.district("Other"), org.steward.accounts.Role.TECHNOLOGY);
        mvc.perform(get("/devices").with(user(employee))).andExpect(status().isForbidden());
        mvc.perform(get("/devices/" + laptop).with(user(technology))).andExpect(status().isOk());
        mvc.perform(get("/devices/" + laptop).with(user(otherTechnology))).andExpect(status().isNotFound());
        mvc.perform(get("/devices/import").with(user(investigator))).andExpect(status().isForbidden());
        mvc.perform(post("/devices/" + laptop + "/return").with(user(investigator)).with(csrf())
                .param("condition", "GOOD")).andExpect(status().isForbidden());
        mvc.perform(post("/devices/" + laptop + "/access").with(user(employee)).with(csrf())
                .param("basis", "EMERGENCY").param("why", "curious")).andExpect(status().isForbidden());
        mvc.perform(post("/devices/" + laptop + "/access").with(user(investigator)).with(csrf())
                .param("basis", "EMERGENCY").param("why", "Threat of harm reported to the principal"))
                .andExpect(status().is3xxRedirection());
        assertThat(access.log(district.id(), laptop)).hasSize(1);
        mvc.perform(post("/devices/" + laptop + "/access").with(user(otherTechnology)).with(csrf())
                .param("basis", "EMERGENCY").param("why", "x")).andExpect(status().is3xxRedirection());
        assertThat(access.log(district.id(), laptop)).hasSize(1); // another district's id: refused, nothing recorded
        long les = inventory.findByTag(district.id(), "L-100").orElseThrow().siteId();
        DeviceAudits.Audit audit = audits.open(district.id(), les, "tech");
        mvc.perform(get("/device-audits/" + audit.id()).with(user(employee))).andExpect(status().isNotFound());
        mvc.perform(get("/device-audits/" + audit.id()).with(user(technology))).andExpect(status().isOk());
    }

    @Test
    void theReturnsDueUnsafeDevicesAuditsAndDevicesOffSitePageSortAndFilterTheirOwnDistrictsRows() throws Exception {
        StringBuilder roster = new StringBuilder(ROSTER.replace("T1,Ana,Alvarez,ana@example.org,LES,Teacher,,",
                "T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,") + "P1,Pat,Principal,pat@example.org,LES,Principal,,"
                + "2015-08-01,active\n");
        StringBuilder devices = new StringBuilder(DEVICES);
        for (int i = 1; i <= 24; i++) {
            roster.append("S%02d,Sam,Leaver%02d,sam%d@example.org,LES,Teacher,P1,2020-08-01,active\n".formatted(i, i, i));
            devices.append("X-%02d,SX%d,laptop,Inspiron,,,,%s,,no,,no,\n".formatted(i, i, i % 2 == 0 ? "RHS" : "LES"));
        }
        fixtures.roster(district, roster.toString());
        inventory.importFile(district.id(), "more.csv", devices.toString().getBytes(StandardCharsets.UTF_8));
        LocalDate today = returns.today(district.id());
        for (int i = 1; i <= 12; i++) { // twelve leave, each with a laptop; those who left over three days ago are late
            StaffMember leaver = member("S%02d".formatted(i));
            Handovers.Handover handover = handovers.prepare(district.id(), leaver.id(), List.of("X-%02d".formatted(i)),
                    "tech");
            handovers.sign(district.id(), handover.id(), leaver.id(), all(), leaver.fullName(), "192.0.2.7", "test");
            staff.separate(district.id(), leaver.id(), today.minusDays(i), "resigned");
        }
        org.awaitility.Awaitility.await().until(() -> returns.checklists(district.id(), false).size() == 12);
        long les = sites.findByDistrictIdAndCode(district.id(), "LES").orElseThrow().id();
        long rhs = sites.findByDistrictIdAndCode(district.id(), "RHS").orElseThrow().id();
        for (int i = 1; i <= 12; i++) {
            audits.open(district.id(), i % 3 == 0 ? rhs : les, "tech");
        }
        // Ana takes eleven laptops home, asked one by one; her supervisor refuses each
        List<String> hers = java.util.stream.IntStream.rangeClosed(13, 23).mapToObj("X-%02d"::formatted).toList();
        handOverToAna(hers.toArray(String[]::new));
        var anaUser = account(member("T1"), org.steward.accounts.Role.EMPLOYEE);
        var patUser = account(member("P1"), org.steward.accounts.Role.SUPERVISOR);
        for (String tag : hers) {
            var asked = takeHome.request(district.id(), inventory.findByTag(district.id(), tag).orElseThrow().id(),
                    anaUser, "Grading", today.plusDays(3));
            approvals.decide(district.id(), asked.id(), patUser, false, "", "Keep it at school");
        }
        org.awaitility.Awaitility.await().until(() -> takeHome.withoutCurrentPermission(district.id()).size() == 11);
        var tech = fixtures.user(district, org.steward.accounts.Role.TECHNOLOGY);
        var elsewhere = fixtures.user(fixtures.district("Other devices"), org.steward.accounts.Role.TECHNOLOGY);

        // returns due: soonest due first, ten a page, every checklist once, each with what is still out
        List<String> leavers = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String html = page(tech, "/devices/returns-due?size=10&page=" + n);
            leavers.addAll(all(html, "<span>(Sam Leaver\\d\\d)</span>"));
            if (n == 1) {
                assertThat(html).contains("Page 1 of 2: checklists 1 to 10 of 12.").contains(">X-12</a>");
            }
        }
        assertThat(leavers).hasSize(12).doesNotHaveDuplicates().startsWith("Sam Leaver12", "Sam Leaver11");
        assertThat(page(tech, "/devices/returns-due?overdue=true")).contains("checklists 1 to 9 of 9.");
        assertThat(all(page(tech, "/devices/returns-due?q=leaver03"), "<span>(Sam Leaver\\d\\d)</span>"))
                .containsExactly("Sam Leaver03");
        assertThat(all(page(tech, "/devices/returns-due?sort=employee&dir=desc"), "<span>(Sam Leaver\\d\\d)</span>")
                .get(0)).isEqualTo("Sam Leaver12");

        // unsafe devices: in someone's hands first, then the district's
        List<String> unsafe = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            unsafe.addAll(all(page(tech, "/devices/unsafe?size=10&page=" + n), ">([LX]-\\d+)</a>"));
        }
        assertThat(unsafe).hasSize(26).doesNotHaveDuplicates();
        assertThat(unsafe.subList(0, 11)).containsExactlyInAnyOrderElementsOf(hers);
        assertThat(page(tech, "/devices/unsafe?site=" + rhs + "&q=x-")).contains("devices 1 to 12 of 12.");
        assertThat(all(page(tech, "/devices/unsafe?sort=tag&dir=desc"), ">([LX]-\\d+)</a>").get(0)).isEqualTo("X-24");

        // audits: the latest opened first; of one site, open or closed
        assertThat(page(tech, "/devices/audits?size=10")).contains("Page 1 of 2: audits 1 to 10 of 12.");
        assertThat(page(tech, "/devices/audits?site=" + rhs + "&open=true")).contains("audits 1 to 4 of 4.");
        assertThat(page(tech, "/devices/audits?open=false")).contains("No audits.");

        // off site without permission: by asset tag, or a text in the tag or the possessor's name
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            out.addAll(all(page(tech, "/devices/off-site?size=10&page=" + n), ">(X-\\d+)</a>"));
        }
        assertThat(out).containsExactlyElementsOf(hers);
        assertThat(page(tech, "/devices/off-site?q=alvarez")).contains("devices 1 to 11 of 11.").contains(">denied<");
        assertThat(page(tech, "/devices/off-site?q=leaver")).contains("No devices.");

        for (String list : List.of("/devices/returns-due", "/devices/unsafe", "/devices/audits", "/devices/off-site")) {
            mvc.perform(get(list).param("sort", "serial").with(user(tech))).andExpect(status().isBadRequest())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("is sorted by")));
            assertThat(page(elsewhere, list)).doesNotContain("X-1").doesNotContain("Leaver");
            // as many statements for a page of ten rows as for a page of all
            List<String> ten = org.steward.QueryCounts.during(() -> page(tech, list + "?size=10"));
            assertThat(ten).isNotEmpty();
            assertThat(org.steward.QueryCounts.during(() -> page(tech, list + "?size=50"))).as(list)
                    .hasSameSizeAs(ten);
        }
    }

    String page(org.steward.accounts.StewardUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Pat Principal becomes Ana's supervisor. */
    void withSupervisor() {
        fixtures.roster(district, ROSTER.replace("T1,Ana,Alvarez,ana@example.org,LES,Teacher,,",
                "T1,Ana,Alvarez,ana@example.org,LES,Teacher,P1,")
                + "P1,Pat,Principal,pat@example.org,LES,Principal,,2015-08-01,active\n");
    }

    /** Ana signs for these devices: the hand-over itself is not what the test is about. */
    void handOverToAna(String... tags) {
        StaffMember ana = member("T1");
        Handovers.Handover handover = handovers.prepare(district.id(), ana.id(), List.of(tags), "tech");
        handovers.sign(district.id(), handover.id(), ana.id(), all(), "Ana Alvarez", "192.0.2.7", "test");
    }

    static Set<Integer> all() {
        return Set.of(0, 1, 2, 3);
    }

    StaffMember member(String employeeId) {
        return staff.active(district.id()).stream().filter(m -> m.employeeId().equals(employeeId)).findFirst()
                .orElseThrow();
    }
}
