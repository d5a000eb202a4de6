package org.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.SharedData;

/** The importer against the five real policies: their structure is pinned clause by clause. */
class PolicyTextParserTest {

    static ParsedPolicy ceres() {
        return PolicyTextParser.parse(SharedData.policy("000"));
    }

    static ParsedPolicy clovis() {
        return PolicyTextParser.parse(SharedData.policy("001"));
    }

    static ParsedPolicy stanislaus() {
        return PolicyTextParser.parse(SharedData.policy("002"));
    }

    static ParsedPolicy unnamed() {
        return PolicyTextParser.parse(SharedData.policy("003"));
    }

    static ParsedPolicy oakPark() {
        return PolicyTextParser.parse(SharedData.policy("004"));
    }

    @Test
    void clovisSectionCHasTwentyEightProhibitedUses() {
        ParsedPolicy clovis = clovis();
        assertThat(clovis.clause("C").orElseThrow().title()).isEqualTo("Prohibited Uses");
        List<String> items = clovis.childrenOf("C").stream().map(Clause::key).toList();
        assertThat(items).hasSize(28).startsWith("C.1").endsWith("C.28");
        assertThat(clovis.clause("C.27").orElseThrow().text())
                .isEqualTo("Surfing the Internet, playing online games, or using P2P applications during duty time.");
        assertThat(clovis.clause("C.12").orElseThrow().text()).contains("\"All District\"");
    }

    @Test
    void clovisN4HoldsTheEightCharacterPasswordRule() {
        Clause n4 = clovis().clause("N.4").orElseThrow();
        assertThat(n4.text()).contains("minimum complexity of eight (8) characters");
        assertThat(n4.parentKey()).isEqualTo("N");
    }

    @Test
    void clovisPageHeadersAreDroppedButSectionsGluedToThemAreKept() {
        ParsedPolicy clovis = clovis();
        assertThat(clovis.topLevel().stream().filter(c -> c.kind() == ClauseKind.SECTION).map(Clause::key))
                .containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
                        "R");
        assertThat(clovis.clauses()).noneMatch(c -> c.text().contains("CLOVIS UNIFIED")
                || c.title().contains("CLOVIS UNIFIED") || c.text().contains("00378178.DOC"));
        // a sub-item continued after a page header stays with its item
        assertThat(clovis.clause("F.3.d").orElseThrow().text()).startsWith("All student posted work");
        assertThat(clovis.clause("K.9.h").orElseThrow().text()).contains("viruses");
    }

    @Test
    void ceresUsesRomanSectionsAndII_D_5IsTheInternetUseRecordsClause() {
        ParsedPolicy ceres = ceres();
        assertThat(ceres.clause("I").orElseThrow().title()).isEqualTo("GENERAL PROVISIONS");
        assertThat(ceres.clause("II").orElseThrow().title()).isEqualTo("DISTRICT ACCESS TO TECHNOLOGY RESOURCES");
        assertThat(ceres.clause("II.D.5").orElseThrow().text()).startsWith("Internet Use: The District stores records "
                + "of the Internet sites visited, the number of times visited, and the total time connected");
        // the letter I of section I is not mistaken for the Roman numeral I
        assertThat(ceres.clause("I.I").orElseThrow().title()).isEqualTo("Limitation of Liability");
        assertThat(ceres.childrenOf("I.A")).hasSize(7);
        assertThat(ceres.clause("I.H.p1").orElseThrow().text()).startsWith("The District acknowledges");
    }

    @Test
    void stanislausItemsRunOneToTwentyTwoWithLetteredSubItems() {
        ParsedPolicy stanislaus = stanislaus();
        List<String> items = stanislaus.topLevel().stream().filter(c -> c.kind() == ClauseKind.ITEM)
                .map(Clause::key).toList();
        assertThat(items).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14",
                "15", "16", "17", "18", "19", "20", "21", "22");
        assertThat(stanislaus.childrenOf("9").stream().map(Clause::key))
                .containsExactly("9.a", "9.b", "9.c", "9.d", "9.e", "9.f", "9.g", "9.h");
        assertThat(stanislaus.clause("9.g").orElseThrow().text())
                .isEqualTo("Employees shall not use unencrypted portable storage devices such as flash drives or "
                        + "external hard drives.");
        assertThat(stanislaus.clause("6").orElseThrow().laws()).contains("FERPA", "Education Code 49060");
        assertThat(stanislaus.clause("legal-references").orElseThrow().laws())
                .contains("COPPA", "CIPA", "Penal Code 502", "Education Code 51870.5");
    }

    @Test
    void theUnnamedDistrictListsThirteenUnacceptableUses() {
        ParsedPolicy unnamed = unnamed();
        assertThat(unnamed.topLevel().stream().filter(c -> c.kind() == ClauseKind.ITEM)).hasSize(13);
        assertThat(unnamed.clause("11").orElseThrow().text()).startsWith("Sending or facilitating mass e-mails");
    }

    @Test
    void oakParkHasThreeListsAndItsProhibitedConductRunsOneToTen() {
        ParsedPolicy oakPark = oakPark();
        assertThat(oakPark.childrenOf("statements")).hasSize(14);
        assertThat(oakPark.childrenOf("prohibited").stream().map(Clause::key)).containsExactly("prohibited.1",
                "prohibited.2", "prohibited.3", "prohibited.4", "prohibited.5", "prohibited.6", "prohibited.7",
                "prohibited.8", "prohibited.9", "prohibited.10");
        assertThat(oakPark.clause("prohibited.7").orElseThrow().text()).contains("streaming audio/video");
        assertThat(oakPark.childrenOf("laws")).hasSize(9);
        assertThat(oakPark.clause("laws.9").orElseThrow().laws()).contains("AB 1584", "SOPIPA");
        assertThat(oakPark.clause("statements.4").orElseThrow().laws()).contains("CalECPA");
    }

    @Test
    void oakParkSignaturePageIsRecognisedWithItsStatementsAndBlanks() {
        ParsedPolicy oakPark = oakPark();
        Clause page = oakPark.clause("signature").orElseThrow();
        assertThat(page.kind()).isEqualTo(ClauseKind.SIGNATURE_PAGE);
        assertThat(page.title()).isEqualTo("Annual Acknowledgement and Signature Page");
        List<Clause> statements = oakPark.childrenOf("signature").stream()
                .filter(c -> c.kind() == ClauseKind.STATEMENT).toList();
        assertThat(statements.stream().map(Clause::title))
                .contains("No Expectation of Privacy", "No Possessory Interest", "District Access to Device");
        assertThat(statements.stream().map(Clause::text))
                .anyMatch(t -> t.startsWith("I also understand that any District or school records maintained on "
                        + "any of my personally owned devices"))
                .anyMatch(t -> t.contains("will not allow people who are not District employees"));
        assertThat(oakPark.childrenOf("signature.district-access-to-device").stream().map(Clause::key))
                .containsExactly("signature.district-access-to-device.a", "signature.district-access-to-device.b",
                        "signature.district-access-to-device.c", "signature.district-access-to-device.d",
                        "signature.district-access-to-device.e", "signature.district-access-to-device.f");
        assertThat(oakPark.childrenOf("signature").stream().filter(c -> c.kind() == ClauseKind.SIGNATURE_FIELD)
                .map(Clause::title))
                .containsExactly("Employee Name", "Employee Signature", "Date", "Effective School Year");
    }

    @Test
    void everyLineOfTextEndsUpInSomeClause() {
        for (String number : List.of("000", "001", "002", "003", "004")) {
            String original = SharedData.policy(number);
            ParsedPolicy parsed = PolicyTextParser.parse(original);
            String all = parsed.frontMatter() + "\n" + String.join("\n", parsed.clauses().stream()
                    .map(c -> c.label() + " " + c.title() + " " + c.text()).toList());
            for (String word : List.of("forensic", "Legal References", "Management Resources")) {
                if (original.contains(word)) {
                    assertThat(all).as("%s keeps '%s'", number, word).contains(word);
                }
            }
            assertThat(parsed.clauses()).as(number).allSatisfy(c -> assertThat(c.key()).matches("[A-Za-z0-9.-]+"));
            assertThat(parsed.clauses().stream().map(Clause::key).distinct()).hasSameSizeAs(parsed.clauses());
        }
    }

    @Test
    void theModelPolicyCoversEveryTopicTheFiveCover() {
        ParsedPolicy model = PolicyTextParser.parse(PolicyLibrary.modelPolicyText());
        assertThat(model.topLevel().stream().filter(c -> c.kind() == ClauseKind.SECTION).map(Clause::title))
                .contains("Permitted Use", "Prohibited Use", "Privacy and Monitoring", "Accounts and Passwords",
                        "Confidential Information and Student Data", "District Devices and Possession",
                        "Software, Apps and Online Services", "Web Publishing and Social Media",
                        "Records and Public Records", "Security", "Reporting Misuse and Consequences",
                        "Acknowledgment");
        assertThat(model.clause("signature").orElseThrow().kind()).isEqualTo(ClauseKind.SIGNATURE_PAGE);
        assertThat(model.childrenOf("signature").stream().filter(c -> c.kind() == ClauseKind.SIGNATURE_FIELD))
                .hasSize(4);
        List<String> laws = model.clauses().stream().flatMap(c -> c.laws().stream()).distinct().toList();
        assertThat(laws).contains("FERPA", "COPPA", "CalECPA", "AB 1584", "SOPIPA", "California Public Records Act",
                "Penal Code 502");
    }
}
