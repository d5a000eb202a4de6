package org.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;
import org.steward.engine.rules.Rule;
import org.steward.engine.rules.RulePack;

class RulePackTest {

    @Test
    void theDefaultPackCoversEveryProhibitedUseAndLinksEachToItsClauses() {
        RulePack pack = RulePack.defaults();
        assertThat(pack.rules()).extracting(Rule::id).contains("adult-content", "gambling", "games-during-duty",
                "peer-to-peer", "streaming-and-large-downloads", "filter-circumvention", "malware-sites",
                "phishing-sites", "mass-email", "unencrypted-portable-storage", "unauthorized-network-device",
                "software-install");
        Rule games = pack.rules().stream().filter(r -> r.id().equals("games-during-duty")).findFirst().orElseThrow();
        assertThat(games.clauses()).containsEntry("clovis", "C.27").containsEntry("model", "C.4");
        assertThat(games.time()).isEqualTo(Rule.TimeFilter.DUTY);
        assertThat(pack.rules()).allSatisfy(r -> assertThat(r.clauses()).containsKey("model"));
    }

    @Test
    void aBadConditionIsReportedWithItsRuleLineAndColumn() {
        String yaml = """
                rules:
                  - id: big-uploads
                    title: Big uploads
                    clauses: {model: C.6}
                    condition: bytes > 1000 && bites < 5
                """;
        assertThatThrownBy(() -> RulePack.parse(yaml, "pack.yaml"))
                .isInstanceOf(RulePack.Invalid.class)
                .satisfies(e -> assertThat(((RulePack.Invalid) e).problems()).singleElement().asString()
                        .contains("rule big-uploads, line 5, column 32").contains("bites"));
    }

    @Test
    void aConditionOfTheWrongTypeIsRefused() {
        String yaml = """
                rules:
                  - id: not-boolean
                    title: Not a test
                    clauses: {model: C.6}
                    condition: "bytes + 1"
                """;
        assertThatThrownBy(() -> RulePack.parse(yaml, "pack.yaml"))
                .hasMessageContaining("rule not-boolean, line 5");
    }

    @Test
    void everyProblemOfEveryRuleIsReportedAtOnce() {
        String yaml = """
                rules:
                  - id: one
                    title: One
                    kinds: [web, telepathy]
                    clauses: {model: C.1}
                  - id: two
                    title: Two
                    severity: catastrophic
                    threshold: {measure: visits, at_least: 0, window: fortnight}
                """;
        assertThatThrownBy(() -> RulePack.parse(yaml, "pack.yaml"))
                .isInstanceOf(RulePack.Invalid.class)
                .satisfies(e -> assertThat(((RulePack.Invalid) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("rule one").contains("telepathy"))
                        .anySatisfy(p -> assertThat(p).contains("rule two").contains("catastrophic"))
                        .anySatisfy(p -> assertThat(p).contains("at_least must be 1"))
                        .anySatisfy(p -> assertThat(p).contains("fortnight"))
                        .anySatisfy(p -> assertThat(p).contains("rule two").contains("no clauses")));
    }

    @Test
    void yamlThatIsNotYamlSaysWhere() {
        assertThatThrownBy(() -> RulePack.parse("rules: [\n  - id: x\n", "broken.yaml"))
                .hasMessageContaining("broken.yaml line");
    }
}
