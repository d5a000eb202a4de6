package org.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
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
