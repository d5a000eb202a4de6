package org.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.steward.SharedData;
import org.steward.engine.rules.Rule;
import org.steward.engine.rules.RulePack;

/** Every clause the engine's default rule pack cites exists, with the same id, in the policy it names. */
class RulePackClausesTest {

    static final Map<String, String> FILES = Map.of("ceres", "000", "clovis", "001", "stanislaus", "002",
            "unnamed", "003", "oak-park", "004");

    @Test
    void everyCitedClauseExists() {
        Map<String, ParsedPolicy> policies = new java.util.HashMap<>();
        FILES.forEach((name, file) -> policies.put(name, PolicyTextParser.parse(SharedData.policy(file))));
        policies.put("model", PolicyTextParser.parse(PolicyLibrary.modelPolicyText()));
        for (Rule rule : RulePack.defaults().rules()) {
            rule.clauses().forEach((policy, clause) -> {
                assertThat(policies).as("rule %s names policy %s", rule.id(), policy).containsKey(policy);
                assertThat(policies.get(policy).clause(clause))
                        .as("rule %s cites %s %s", rule.id(), policy, clause).isPresent();
            });
        }
    }
}
