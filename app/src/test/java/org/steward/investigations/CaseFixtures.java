package org.steward.investigations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.springframework.stereotype.Component;
import org.steward.Fixtures;
import org.steward.acknowledgments.Campaign;
import org.steward.acknowledgments.Campaigns;
import org.steward.acknowledgments.SignaturePage;
import org.steward.acknowledgments.Signing;
import org.steward.acknowledgments.Statement;
import org.steward.activity.CategoryLists;
import org.steward.activity.Findings;
import org.steward.activity.Ingestion;
import org.steward.activity.Sources;
import org.steward.districts.District;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffMember;

/**
 * A district's story up to a case, in the domain's words: an employee signed the policy, and technology services sent
 * a finding about her internet use for investigation, which waits for an investigator.
 */
@Component
public class CaseFixtures {

    private final Fixtures fixtures;
    private final Campaigns campaigns;
    private final Signing signing;
    private final SignaturePage signaturePage;
    private final PolicyLibrary policies;
    private final CategoryLists categories;
    private final Sources sources;
    private final Ingestion ingestion;
    private final Findings findings;
    private final Intake intake;

    CaseFixtures(Fixtures fixtures, Campaigns campaigns, Signing signing, SignaturePage signaturePage,
                 PolicyLibrary policies, CategoryLists categories, Sources sources, Ingestion ingestion,
                 Findings findings, Intake intake) {
        this.fixtures = fixtures;
        this.campaigns = campaigns;
        this.signing = signing;
        this.signaturePage = signaturePage;
        this.policies = policies;
        this.categories = categories;
        this.sources = sources;
        this.ingestion = ingestion;
        this.findings = findings;
        this.intake = intake;
    }

    /** The district's model policy, published and signed by the employee for this school year. */
    public void signed(District district, StaffMember employee) {
        Policy policy = fixtures.modelPolicy(district);
        Campaign campaign = campaigns.open(district.id(), new Campaigns.Opening("2026-27",
                policies.version(district.id(), policy.id(), 1).orElseThrow().id(), Set.of(), Set.of(),
                LocalDate.now().minusDays(1), LocalDate.now().plusDays(30)), "hr");
        signing.sign(district.id(), campaign.id(), employee.id(), new Signing.Submission(
                signaturePage.statements(district.id()).stream().map(Statement::id).collect(Collectors.toSet()),
                employee.fullName(), "192.0.2.7", "test", null));
    }

    /**
     * The proxy saw user {@code username} play games during duty; technology services sent the finding for
     * investigation: its referral, once it waits.
     */
    public Referred gamesSentForInvestigation(District district, String username) throws Exception {
        Path lists = Fixtures.serverFolder(district.slug(), "lists");
        Files.createDirectories(lists.resolve("games"));
        Files.writeString(lists.resolve("games/domains"), "games.example\n");
        categories.installFolder(district.id(), lists, "carl");
        Sources.Source proxy = sources.create(district.id(),
                Sources.Setup.of("School proxy", Sources.Kind.UPLOAD, Sources.Format.SQUID), "carl");
        String log = String.join("\n", List.of(
                InvestigationsTest.line("2026-11-16T10:00:00", "http://games.example/play")
                        .replace(" ana ", " " + username + " "),
                InvestigationsTest.line("2026-11-16T10:02:00", "http://games.example/level2")
                        .replace(" ana ", " " + username + " "))) + "\n";
        ingestion.ingest(district.id(), proxy.id(), new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                "access.log", "carl");
        Findings.Finding games = findings.queue(district.id(), Findings.Filter.OPEN, InvestigationsTest.LA, 50)
                .stream().filter(f -> f.rule().equals("games-during-duty")).findFirst().orElseThrow();
        findings.triage(district.id(), games.id(), Findings.Status.INVESTIGATION, "Games every morning", "carl");
        Awaitility.await().until(() -> intake.waiting(district.id()).size() == 1);
        return intake.waiting(district.id()).get(0);
    }
}
