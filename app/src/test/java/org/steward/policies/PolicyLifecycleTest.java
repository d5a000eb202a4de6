package org.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.steward.Fixtures;
import org.steward.SharedData;
import org.steward.StewardTest;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;

@StewardTest
class PolicyLifecycleTest {

    @Autowired PolicyLibrary library;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void aPublishedVersionCarriesTheHashOfItsTextAndCanNeverChange() throws Exception {
        District district = fixtures.district("Publish Unified");
        Policy policy = library.adoptModel(district.id());

        PolicyVersion published = library.publish(district.id(), policy.id(), 1, "first");

        assertThat(published.sha256()).matches("[0-9a-f]{64}")
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(published.canonicalText().getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> library.editClause(district.id(), policy.id(), 1, "C.4", "", "anything"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published");
        assertThatThrownBy(() -> library.publish(district.id(), policy.id(), 1, "again"))
                .hasMessageContaining("already published");
        // not even SQL behind Steward's back can change it
        assertThatThrownBy(() -> jdbc.sql("update policy_clause set text = 'x' where version_id = ?")
                .param(published.id()).update()).hasMessageContaining("published");
        assertThatThrownBy(() -> jdbc.sql("update policy_version set title = 'x' where id = ?")
                .param(published.id()).update()).hasMessageContaining("published");
        // each clause keeps the laws it cites, in order, as the text named them
        assertThat(library.version(district.id(), policy.id(), 1).orElseThrow().clauseList())
                .extracting(Clause::laws).isEqualTo(PolicyLibrary.parse(PolicyLibrary.modelPolicyText()).clauses()
                        .stream().map(Clause::laws).toList())
                .anyMatch(laws -> laws.size() > 1);
    }

    @Test
    void aPublishedVersionPrintsWholeWithItsVersionAndHashOnEveryPageAndADraftDoesNotPrint() throws Exception {
        District district = fixtures.district("Printed Unified");
        Policy clovis = library.importText(district.id(), "", SharedData.policy("001"));
        PolicyVersion published = library.publish(district.id(), clovis.id(), 1, "adopted");
        library.startDraft(district.id(), clovis.id());
        var employee = user(fixtures.user(district, Role.EMPLOYEE));

        MvcResult printed = mvc.perform(get("/policies/" + clovis.id() + "/versions/1/pdf").with(employee))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Policy-SHA256", published.sha256())).andReturn();
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(
                printed.getResponse().getContentAsByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            int pages = pdf.getNumberOfPages();
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            for (int page : new int[] {0, pages - 1}) { // to look at, as the browser tests' screenshots
                javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(
                        page, 72), "png", java.nio.file.Path.of("target", "screenshots",
                        "policy-pdf-page-" + (page + 1) + ".png").toFile());
            }
            assertThat(pages).isGreaterThan(3);
            assertThat(text).contains(published.title()).contains("Version 1, published ")
                    .contains("SHA-256 of this version's text: " + published.sha256())
                    .contains("page 1 of " + pages).contains("page " + pages + " of " + pages)
                    .contains(published.title() + ", version 1, SHA-256 " + published.sha256().substring(0, 16));
            // every clause's words are printed, in order, the last one included
            List<Clause> clauses = published.clauseList();
            String last = clauses.stream().filter(c -> c.text().length() > 40).reduce((a, b) -> b).orElseThrow()
                    .text().replaceAll("\\s+", " ");
            assertThat(text).contains(last.substring(0, 40));
            assertThat(clauses).filteredOn(c -> c.text().length() > 30)
                    .allSatisfy(c -> assertThat(text).contains(c.text().replaceAll("\\s+", " ").substring(0, 20)));
        }

        mvc.perform(get("/policies/" + clovis.id() + "/versions/2/pdf").with(employee))
                .andExpect(status().isNotFound());
        mvc.perform(get("/policies/" + clovis.id() + "/versions/2/pdf").with(user(fixtures.user(district, Role.HR))))
                .andExpect(status().isNotFound());
        District other = fixtures.district("Elsewhere Unified");
        mvc.perform(get("/policies/" + clovis.id() + "/versions/1/pdf")
                .with(user(fixtures.user(other, Role.COUNTY_ADMIN)))).andExpect(status().isNotFound());
        mvc.perform(get("/policies/" + clovis.id() + "/versions/1/pdf")).andExpect(status().is3xxRedirection());
    }

    @Test
    void decisionsCiteTheDistrictsAdoptedPolicyAndOnlyItsPublishedVersions() throws Exception {
        District district = fixtures.district("Adopted Unified");
        Policy model = fixtures.modelPolicy(district);
        assertThat(library.find(district.id(), model.id()).orElseThrow().policy().adopted()).isTrue();
        Policy clovis = library.importText(district.id(), "Clovis", SharedData.policy("001"));
        library.publish(district.id(), clovis.id(), 1, "to compare");
        assertThat(library.inForce(district.id()).orElseThrow().policyId()).as("a policy read, not adopted")
                .isEqualTo(model.id());
        assertThat(library.cite(district.id(), "C.4")).hasValueSatisfying(r ->
                assertThat(library.cited(district.id(), r).orElseThrow().clause().text()).startsWith("Playing"));

        mvc.perform(post("/policies/" + clovis.id() + "/adopt").with(user(fixtures.user(district, Role.EMPLOYEE)))
                .with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/policies/" + clovis.id() + "/adopt").with(user(fixtures.user(district, Role.HR)))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(library.inForce(district.id()).orElseThrow().policyId()).isEqualTo(clovis.id());
        assertThat(jdbc.sql("select count(*) from policy where district_id = ? and adopted").param(district.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(library.cite(district.id(), "C.27")).as("Clovis numbers its games clause C.27").isPresent();
    }

    @Test
    void aNewVersionIsEditedAsADraftAndTheDiffShowsWhatChanged() {
        District district = fixtures.district("Versions Unified");
        Policy policy = fixtures.modelPolicy(district);
        PolicyVersion draft = library.startDraft(district.id(), policy.id());
        assertThat(draft.number()).isEqualTo(2);
        assertThat(library.startDraft(district.id(), policy.id()).id()).isEqualTo(draft.id());

        library.editClause(district.id(), policy.id(), 2, "E.2", "",
                "Passwords shall be at least fourteen (14) characters long.");
        library.addClause(district.id(), policy.id(), 2, "C.17", "C.18", "", "No generative AI with student data.");
        library.editClause(district.id(), policy.id(), 2, "I.3", "", "");
        PolicyVersion v2 = library.publish(district.id(), policy.id(), 2, "second");

        ClauseDiff diff = library.diff(district.id(), policy.id(), 1, 2);
        assertThat(diff.changed()).extracting(ClauseDiff.Change::key, ClauseDiff.Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("C.18", ClauseDiff.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("E.2", ClauseDiff.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("I.3", ClauseDiff.Kind.REMOVED));
        assertThat(diff.changed().get(1).text())
                .contains(new ClauseDiff.Segment("twelve (12) ", ClauseDiff.Segment.Op.REMOVED))
                .contains(new ClauseDiff.Segment("fourteen (14) ", ClauseDiff.Segment.Op.ADDED));
        assertThat(v2.sha256()).isNotEqualTo(library.version(district.id(), policy.id(), 1).orElseThrow().sha256());
    }

    @Test
    void aDistrictImportsItsOwnPolicyTextAndReadsItWithPermalinks() throws Exception {
        District district = fixtures.district("Clovis Like");
        StewardUser hr = fixtures.user(district, Role.HR);
        MockMultipartFile file = new MockMultipartFile("file", "clovis.txt", "text/plain",
                SharedData.policy("001").getBytes(StandardCharsets.UTF_8));

        String location = mvc.perform(multipart("/policies/import").file(file).param("title", "Employee Use of Technology")
                        .with(user(hr)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String page = mvc.perform(get(location).with(user(hr))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"C.27\"").contains("href=\"#C.27\"").contains("id=\"N.4\"")
                .contains("Surfing the Internet, playing online games");
        Policy policy = library.all(district.id()).get(0).policy();
        assertThat(policy.title()).isEqualTo("Employee Use of Technology");
        assertThat(library.version(district.id(), policy.id(), 1).orElseThrow().isPublished()).isFalse();
    }

    @Test
    void importingSomethingThatIsNotTextIsRefusedWithAReason() throws Exception {
        District district = fixtures.district("Pdf Unified");
        StewardUser hr = fixtures.user(district, Role.HR);
        MockMultipartFile pdf = new MockMultipartFile("file", "policy.pdf", "application/pdf", new byte[] {37, 80});
        String page = mvc.perform(multipart("/policies/import").file(pdf).with(user(hr)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Upload the policy as plain text");
        assertThat(library.all(district.id())).isEmpty();
    }
}
