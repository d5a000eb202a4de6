package org.steward.investigations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.activity.CategoryLists;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.Reapplications;
import org.steward.activity.Sources;
import org.steward.devices.DeviceImport;
import org.steward.devices.Inventory;
import org.steward.districts.District;
import org.steward.holds.HeldKind;
import org.steward.holds.RecordHolds;
import org.steward.staff.ImportReport;

/**
 * A case's evidence through its pages: each kind added with its snapshot's SHA-256 and its chain of custody, viewed
 * and downloaded with a reason, printed in the case file; every refusal changing nothing; another district's records
 * and cases not found; the tables refusing change; and what an open case refers to held against re-apply, the device
 * import and the roster import until the case closes.
 */
@StewardTest
@EnableScenarios
class EvidenceTest {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final String ROSTER = """
            employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,hire_date,status
            T1,Ana,Alvarez,ana@example.org,LES,Teacher,,2019-08-01,active
            T2,Tom,Reyes,tom@example.org,LES,Teacher,,2019-08-01,active
            C1,Carl,Tech,carl@example.org,LES,Technician,,2019-08-01,active
            I1,Ivy,Vance,ivy@example.org,LES,Investigator,,2019-08-01,active
            """;
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired Fixtures fixtures;
    @Autowired Ingestion ingestion;
    @Autowired Sources sources;
    @Autowired CategoryLists categories;
    @Autowired Findings findings;
    @Autowired Reapplications reapplications;
    @Autowired Inventory inventory;
    @Autowired org.steward.policies.PolicyLibrary policies;
    @Autowired org.steward.acknowledgments.Campaigns campaigns;
    @Autowired org.steward.acknowledgments.Signing signing;
    @Autowired org.steward.acknowledgments.SignaturePage signaturePage;
    @Autowired org.steward.approvals.Approvals approvals;
    @Autowired EvidenceLocker locker;
    @Autowired Cases cases;
    @Autowired RecordHolds holds;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    District district;
    District other;
    StewardUser ivy;
    StewardUser tom;
    StewardUser otherInvestigator;
    Findings.Finding games;
    long anaId;
    long caseId;
    long otherCase;

    @BeforeEach
    void aCaseAboutAnaWithAFinding() throws Exception {
        district = fixtures.district("Evidence");
        fixtures.roster(district, ROSTER);
        ivy = fixtures.account(district, "I1", Role.INVESTIGATOR);
        tom = fixtures.account(district, "T2", Role.EMPLOYEE);
        anaId = jdbc.sql("select id from staff where district_id = ? and employee_id = 'T1'").param(district.id())
                .query(Long.class).single();
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        categories.installFolder(district.id(), lists, "carl");
        Sources.Source proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        String log = String.join("\n", List.of(line("2026-11-16T10:00:00", "http://games.example/play"),
                line("2026-11-16T10:02:00", "http://games.example/level2"))) + "\n";
        ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                "access.log", "carl");
        games = findings.queue(district.id(), Findings.Filter.OPEN, LA, 50).stream()
                .filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        caseId = cases.openFromNothing(ivy, "Games during duty", anaId).id();

        other = fixtures.district("Elsewhere");
        fixtures.roster(other, ROSTER);
        otherInvestigator = fixtures.account(other, "I1", Role.INVESTIGATOR);
        otherCase = cases.openFromNothing(otherInvestigator, "Games during duty", null).id();
    }

    static String line(String end, String url) {
        long millis = LocalDateTime.parse(end).atZone(LA).toInstant().toEpochMilli();
        return "%d.%03d %6d 10.0.0.5 TCP_MISS/200 2000 GET %s ana HIER_DIRECT/1.2.3.4 text/html"
                .formatted(millis / 1000, millis % 1000, 2_000, url);
    }

    String evidence(long caseId) {
        return "/investigations/cases/" + caseId + "/evidence";
    }

    long items() {
        return jdbc.sql("select count(*) from investigation_evidence where district_id in (?, ?)")
                .params(district.id(), other.id()).query(Long.class).single();
    }

    List<String> custody(long itemId) {
        return jdbc.sql("select action || ' ' || by_name || ' ' || reason from investigation_custody "
                + "where evidence_id = ? order by id").param(itemId).query(String.class).list();
    }

    long itemOf(String kind) {
        return jdbc.sql("select id from investigation_evidence where case_id = ? and kind = ? order by id desc limit 1")
                .params(caseId, kind).query(Long.class).single();
    }

    @Test
    void aFindingAUsagePeriodAndAFileAreKeptWithTheirHashesAndEachLookIsInTheChain() throws Exception {
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(evidence(caseId) + "/usage").param("from", "2026-11-16").param("to", "2026-11-20")
                        .param("reason", "Games reported by the principal during class time")
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(multipart(evidence(caseId) + "/file")
                        .file(new MockMultipartFile("file", "screenshot.png", "image/png", PNG))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        long finding = itemOf("FINDING");
        long usage = itemOf("USAGE");
        long file = itemOf("FILE");
        String findingSnapshot = jdbc.sql("select snapshot from investigation_evidence where id = ?").param(finding)
                .query(String.class).single();
        assertThat(findingSnapshot).contains("games.example/play").contains("\"steps\"").contains("\"addenda\"");
        assertThat(jdbc.sql("select sha256 from investigation_evidence where id = ?").param(finding)
                .query(String.class).single()).isEqualTo(EvidenceSnapshots.sha256(findingSnapshot));
        assertThat(jdbc.sql("select sha256 from investigation_evidence where id = ?").param(file)
                .query(String.class).single()).isEqualTo(AcceptedFiles.sha256(PNG));
        // the usage was seen through the privacy guard, with the reason and the case's number
        assertThat(jdbc.sql("select reason || ' | ' || case_ref || ' | ' || person from activity_view "
                + "where district_id = ?").param(district.id()).query(String.class).list())
                .containsExactly("Games reported by the principal during class time | 1 | staff:" + anaId);
        assertThat(jdbc.sql("select snapshot from investigation_evidence where id = ?").param(usage)
                .query(String.class).single()).contains("\"person\":\"Ana Alvarez\"").contains("games.example");
        assertThat(custody(usage)).containsExactly("ADDED " + ivy.getUsername()
                + " Games reported by the principal during class time");

        mvc.perform(get(evidence(caseId)).with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("screenshot.png")))
                .andExpect(content().string(containsString("Internet use of Ana Alvarez, 2026-11-16 to 2026-11-20")))
                .andExpect(content().string(containsString(AcceptedFiles.sha256(PNG))));
        // a named person's activity is shown with a reason, as everywhere: without one the page asks it
        mvc.perform(get(evidence(caseId) + "/" + finding).with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("say why you look at it")))
                .andExpect(content().string(not(containsString("games.example/play"))));
        assertThat(custody(finding)).containsExactly("ADDED " + ivy.getUsername() + " ");
        mvc.perform(get(evidence(caseId) + "/" + finding).param("reason", "short").with(user(ivy)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(evidence(caseId) + "/" + finding).param("reason", "Preparing the interview with Ana")
                        .with(user(ivy))).andExpect(status().isOk())
                .andExpect(content().string(containsString("games.example/play")));
        assertThat(custody(finding)).containsExactly("ADDED " + ivy.getUsername() + " ",
                "VIEWED " + ivy.getUsername() + " Preparing the interview with Ana");

        mvc.perform(post(evidence(caseId) + "/" + file + "/download").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Say in words why you download this item")));
        assertThat(custody(file)).containsExactly("ADDED " + ivy.getUsername() + " ");
        byte[] downloaded = mvc.perform(post(evidence(caseId) + "/" + file + "/download")
                        .param("reason", "For the hearing with HR on Friday").with(user(ivy)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(PNG);
        assertThat(custody(file)).containsExactly("ADDED " + ivy.getUsername() + " ",
                "DOWNLOADED " + ivy.getUsername() + " For the hearing with HR on Friday");
        assertThat(jdbc.sql("select action from audit_entry where district_id = ? and record_type = "
                + "'investigation_evidence' order by sequence").param(district.id()).query(String.class).list())
                .containsExactly("EVIDENCE_ADDED", "EVIDENCE_ADDED", "EVIDENCE_ADDED", "EVIDENCE_VIEWED",
                        "EVIDENCE_DOWNLOADED");

        // the case file prints every item and its hash, and records the export in every chain
        mvc.perform(post("/investigations/cases/" + caseId + "/file.pdf").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest());
        byte[] pdf = mvc.perform(post("/investigations/cases/" + caseId + "/file.pdf")
                        .param("reason", "Sent to HR for the hearing").with(user(ivy)).with(csrf()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument printed = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(printed).replaceAll("\\s+", " ");
            assertThat(text).contains("Case 1: Games during duty").contains("Subject: Ana Alvarez")
                    .contains("Internet use of Ana Alvarez, 2026-11-16 to 2026-11-20")
                    .contains("screenshot.png").contains("Finding " + games.id())
                    .contains("Made for " + ivy.getUsername() + ": Sent to HR for the hearing");
            for (String sha : jdbc.sql("select sha256 from investigation_evidence where case_id = ?").param(caseId)
                    .query(String.class).list()) {
                assertThat(text).contains("SHA-256 " + sha);
            }
        }
        assertThat(jdbc.sql("select count(*) from investigation_custody c join investigation_evidence e on "
                + "e.id = c.evidence_id where e.case_id = ? and c.action = 'EXPORTED' and c.reason = ?")
                .params(caseId, "Sent to HR for the hearing").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from audit_entry where district_id = ? and action = 'CASE_FILE_EXPORTED'")
                .param(district.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithTheReasonAndNothingIsAdded() throws Exception {
        long before = items();
        mvc.perform(post(evidence(caseId) + "/usage").param("from", "2026-11-20").param("to", "2026-11-16")
                        .param("reason", "Games reported by the principal").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The period ends (2026-11-16) before it starts (2026-11-20).")));
        mvc.perform(post(evidence(caseId) + "/usage").param("from", "2026-11-16").param("to", "2026-11-20")
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Say in words why you need to see this activity")));
        mvc.perform(multipart(evidence(caseId) + "/file")
                        .file(new MockMultipartFile("file", "invoice.png", "image/png",
                                "MZ\u0090\u0000 this is a program".getBytes(StandardCharsets.ISO_8859_1)))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not one Steward keeps")));
        assertThatThrownBy(() -> locker.addFile(ivy, caseId, "huge.png", new byte[(int) AcceptedFiles.MAX_BYTES + 1]))
                .isInstanceOf(EvidenceRefused.class).hasMessageContaining("over the 10 MB");
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", "abc").with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(items()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from activity_view where district_id = ?").param(district.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherDistrictsRecordsAndCasesAndAPersonNotOnTheCaseAreNotFound() throws Exception {
        long before = items();
        // the other district's investigator names this district's finding in their own case
        mvc.perform(post(evidence(otherCase) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(otherInvestigator)).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no finding " + games.id() + " in your district.")));
        inventory.importFile(district.id(), "devices.csv", "asset_tag,serial_number,type,model,site\nT-100,SN1,laptop,Chromebook 11,LES\n"
                .getBytes(StandardCharsets.UTF_8));
        mvc.perform(post(evidence(otherCase) + "/device").param("assetTag", "T-100")
                        .with(user(otherInvestigator)).with(csrf()))
                .andExpect(status().isNotFound());
        // nor can they reach this district's case, nor can an employee not on it
        mvc.perform(get(evidence(caseId)).with(user(otherInvestigator))).andExpect(status().isNotFound());
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(otherInvestigator)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get(evidence(caseId)).with(user(tom))).andExpect(status().isNotFound());
        mvc.perform(post("/investigations/cases/" + caseId + "/file.pdf").param("reason", "Curious about the case")
                        .with(user(tom)).with(csrf()))
                .andExpect(status().isNotFound());
        // a forged form is refused before anything is read
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(ivy)).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        assertThat(items()).isEqualTo(before);

        // an assignee of the case sees it, but evidence is the investigators' to choose: he adds none, nor sees the forms
        cases.assign(ivy, caseId, tom.accountId());
        mvc.perform(get(evidence(caseId)).with(user(tom))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Add the device"))));
        mvc.perform(post(evidence(caseId) + "/device").param("assetTag", "T-100").with(user(tom)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Only an investigator adds evidence to a case")));
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(tom)).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(items()).isEqualTo(before);
        // but, not an investigator, not the lines of a finding about a named person
        EvidenceItem finding = locker.addFinding(ivy, caseId, games.id());
        mvc.perform(get(evidence(caseId) + "/" + finding.id()).with(user(tom))).andExpect(status().isForbidden());
        assertThat(custody(finding.id())).containsExactly("ADDED " + ivy.getUsername() + " ");
    }

    @Test
    void aMergedCasesHoldsGoToTheCaseThatCarriesOnItsEvidenceAndFarOffDatesAreRefused() throws Exception {
        locker.addFinding(ivy, caseId, games.id());
        Case carryingOn = cases.openFromNothing(ivy, "Games during duty, all of them", null);
        long survivor = carryingOn.id();
        cases.merge(ivy, caseId, carryingOn.number());
        org.awaitility.Awaitility.await().until(() -> jdbc.sql("select case_id from record_hold where kind = 'FINDING'"
                + " and record_id = ? and released_at is null").param(games.id()).query(Long.class).optional()
                .orElse(0L) == survivor);

        long before = items();
        mvc.perform(post(evidence(survivor) + "/usage").param("from", "-5000-01-01").param("to", "-5000-01-01")
                        .param("reason", "Games reported by the principal during class time")
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("A period of internet use lies between 2000-01-01")));
        assertThat(items()).isEqualTo(before);
        mvc.perform(post("/investigations/cases/{id}/tasks", survivor).param("title", "Interview the principal")
                        .param("assignee", String.valueOf(ivy.accountId())).param("due", "+999999999-12-31")
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute(
                        "problem", "The task is due on a day of this century, not +999999999-12-31."));
    }

    @Test
    void aClosedCaseTakesNoMoreEvidence() throws Exception {
        cases.close(ivy, caseId, new Case.Decision(Case.Outcome.NO_VIOLATION, null, "Nothing against the policy."));
        long before = items();
        mvc.perform(post(evidence(caseId) + "/finding").param("finding", String.valueOf(games.id()))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Case 1 is closed: no evidence is added to a case that is no longer open.")));
        assertThat(items()).isEqualTo(before);
        assertThat(holds.heldBy(HeldKind.FINDING, district.id(), games.id())).isEmpty();
    }

    @Test
    void anApprovalInForceIsKeptAndOneNotInForceIsRefused() throws Exception {
        StewardUser ana = fixtures.account(district, "T1", Role.EMPLOYEE);
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        org.steward.approvals.Request asked = approvals.submit(district.id(), ana,
                org.steward.approvals.Kind.MASS_EMAIL,
                java.util.Map.of("audience", "All staff", "subject", "Book fair", "summary", "Dates and times"));
        long before = items();
        mvc.perform(post(evidence(caseId) + "/approval").param("request", String.valueOf(asked.id()))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not an approval in force: it is pending")));
        assertThat(items()).isEqualTo(before);

        approvals.decide(district.id(), asked.id(), admin, true, "", "");
        mvc.perform(post(evidence(caseId) + "/approval").param("request", String.valueOf(asked.id()))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select snapshot from investigation_evidence where case_id = ? and kind = 'APPROVAL'")
                .param(caseId).query(String.class).single()).contains("Book fair").contains("\"status\":\"APPROVED\"");
        assertThat(holds.heldBy(HeldKind.APPROVAL, district.id(), asked.id())).hasValueSatisfying(h ->
                assertThat(h.reason()).isEqualTo("kept for investigation case 1"));
        // another district's investigator cannot name it
        mvc.perform(post(evidence(otherCase) + "/approval").param("request", String.valueOf(asked.id()))
                        .with(user(otherInvestigator)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theAcknowledgmentThePersonSignedIsKeptWithItsReceipt() throws Exception {
        org.steward.policies.Policy policy = fixtures.modelPolicy(district);
        long version = policies.version(district.id(), policy.id(), 1).orElseThrow().id();
        LocalDate today = LocalDate.now(LA);
        org.steward.acknowledgments.Campaign campaign = campaigns.open(district.id(),
                new org.steward.acknowledgments.Campaigns.Opening(today.getYear() + "-" + (today.getYear() % 100 + 1),
                        version, java.util.Set.of(), java.util.Set.of(), today, today.plusDays(30)), "hr");
        org.steward.acknowledgments.Signature signed = signing.sign(district.id(), campaign.id(), anaId,
                new org.steward.acknowledgments.Signing.Submission(signaturePage.statements(district.id()).stream()
                        .map(org.steward.acknowledgments.Statement::id).collect(java.util.stream.Collectors.toSet()),
                        "Ana Alvarez", "192.0.2.7", "Test browser", null));

        mvc.perform(post(evidence(caseId) + "/acknowledgment").param("signature", String.valueOf(signed.id()))
                        .with(user(ivy)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String snapshot = jdbc.sql("select snapshot from investigation_evidence where case_id = ? "
                + "and kind = 'ACKNOWLEDGMENT'").param(caseId).query(String.class).single();
        byte[] receipt = signing.receipt(district.id(), signed.id()).orElseThrow();
        assertThat(snapshot).contains("\"typedName\":\"Ana Alvarez\"")
                .contains("\"receiptSha256\":\"" + AcceptedFiles.sha256(receipt) + "\"")
                .contains(Base64.getEncoder().encodeToString(receipt));
        assertThat(holds.heldBy(HeldKind.SIGNATURE, district.id(), signed.id())).isPresent();
        mvc.perform(post(evidence(otherCase) + "/acknowledgment").param("signature", String.valueOf(signed.id()))
                        .with(user(otherInvestigator)).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no signed acknowledgment " + signed.id()
                        + " in your district.")));
    }

    @Test
    void aPageOfEvidenceRunsAsManyStatementsWhateverItsItems() throws Exception {
        locker.addFinding(ivy, caseId, games.id());
        int one = org.steward.QueryCounts.during(() -> mvc.perform(get(evidence(caseId)).with(user(ivy)))
                .andExpect(status().isOk())).size();
        for (int i = 0; i < 5; i++) {
            locker.addFile(ivy, caseId, "note" + i + ".txt", ("Note " + i + " from the principal").getBytes());
        }
        int six = org.steward.QueryCounts.during(() -> mvc.perform(get(evidence(caseId)).with(user(ivy)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("note4.txt")))).size();
        assertThat(six).isEqualTo(one);
    }

    @Test
    void theRawLogsOfHeldDaysOutliveTheirRetention() {
        locker.addUsage(ivy, caseId, LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 20),
                "Games reported by the principal during class time");
        jdbc.sql("update activity_run set finished_at = now() - interval '5 years' where district_id = ?")
                .param(district.id()).update();
        assertThat(ingestion.deleteExpiredRawFiles(district.id())).isZero();
        assertThat(jdbc.sql("select count(*) from activity_run where district_id = ? and raw_deleted_at is null "
                + "and raw_file is not null").param(district.id()).query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> reapplications.run(district.id(), LocalDate.of(2026, 11, 16),
                LocalDate.of(2026, 11, 16), "New lists from the vendor", "carl"))
                .hasMessageContaining("internet use of 2026-11-16 to 2026-11-20 is kept for investigation case 1");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEvidenceOrItsChain() {
        EvidenceItem item = locker.addFinding(ivy, caseId, games.id());
        assertThatThrownBy(() -> jdbc.sql("update investigation_evidence set description = 'nothing' where id = ?")
                .param(item.id()).update()).hasMessageContaining("cannot be changed or deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from investigation_evidence where id = ?").param(item.id()).update())
                .hasMessageContaining("cannot be changed or deleted");
        assertThatThrownBy(() -> jdbc.sql("update investigation_custody set by_name = 'nobody' where evidence_id = ?")
                .param(item.id()).update()).hasMessageContaining("cannot be changed or deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from investigation_custody where evidence_id = ?").param(item.id())
                .update()).hasMessageContaining("cannot be changed or deleted");
        assertThat(custody(item.id())).containsExactly("ADDED " + ivy.getUsername() + " ");
    }

    @Test
    void whatAnOpenCaseKeepsIsNotReappliedReimportedOrRewrittenUntilItCloses(Scenario scenario) {
        locker.addFinding(ivy, caseId, games.id());
        LocalDate monday = LocalDate.of(2026, 11, 16);
        assertThatThrownBy(() -> reapplications.run(district.id(), monday, monday, "New lists from the vendor",
                "carl")).isInstanceOf(Reapplications.Refused.class)
                .hasMessageContaining("finding " + games.id() + " is kept for investigation case 1");
        assertThat(findings.find(district.id(), games.id()).orElseThrow().status()).isEqualTo(Findings.Status.OPEN);

        // a device's custody kept: the import may not rewrite it
        inventory.importFile(district.id(), "devices.csv", "asset_tag,serial_number,type,model,site\nT-100,SN1,laptop,Chromebook 11,LES\n"
                .getBytes(StandardCharsets.UTF_8));
        locker.addDevice(ivy, caseId, "T-100");
        DeviceImport rewritten = inventory.importFile(district.id(), "devices.csv",
                "asset_tag,serial_number,type,model,site\nT-100,SN-OTHER,laptop,Chromebook 11,LES\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(rewritten.applied()).isFalse();
        assertThat(rewritten.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("device T-100 is kept for investigation case 1: it stays as it is until the case is closed"));
        assertThat(inventory.findByTag(district.id(), "T-100").orElseThrow().serialNumber()).isEqualTo("SN1");

        // the staff member's records kept: the roster may separate them but not rewrite who they are
        ImportReport renamed = fixtures.roster(district, ROSTER.replace("T1,Ana,Alvarez", "T1,Ana,Smith"));
        assertThat(renamed.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .startsWith("employee T1 is kept for investigation case 1"));
        assertThat(jdbc.sql("select last_name from staff where id = ?").param(anaId).query(String.class).single())
                .isEqualTo("Alvarez");

        // closed, the case releases what it kept
        scenario.publish(new CaseClosed(district.id(), caseId, Instant.now()))
                .andWaitForStateChange(() -> holds.heldBy(HeldKind.FINDING, district.id(), games.id()).isEmpty(),
                        Boolean::booleanValue)
                .andVerify(released -> assertThat(holds.heldBy(HeldKind.DEVICE, district.id(),
                        inventory.findByTag(district.id(), "T-100").orElseThrow().id())).isEmpty());
        assertThat(fixtures.roster(district, ROSTER.replace("T1,Ana,Alvarez", "T1,Ana,Smith")).problems()).isEmpty();
    }
}
