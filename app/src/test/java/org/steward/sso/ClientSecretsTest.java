package org.steward.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

class ClientSecretsTest {

    static final String KEY = MockIdentityProvider.SECRET_KEY;

    @Test
    void aSecretIsSealedAnewEachTimeAndOpensOnlyWithItsKey() {
        ClientSecrets secrets = new ClientSecrets(KEY);
        byte[] once = secrets.seal("GOCSPX-secret");
        byte[] twice = secrets.seal("GOCSPX-secret");
        assertThat(once).isNotEqualTo(twice); // a fresh nonce each time
        assertThat(new String(once, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("GOCSPX");
        assertThat(secrets.open(once)).isEqualTo("GOCSPX-secret");

        ClientSecrets otherKey = new ClientSecrets("ff".repeat(32));
        assertThatThrownBy(() -> otherKey.open(once)).hasMessageContaining("kept under another key");
        once[once.length - 1] ^= 1; // GCM's tag: a changed byte does not open
        assertThatThrownBy(() -> secrets.open(once)).hasMessageContaining("Steward cannot read");
    }

    @Test
    void withoutAKeyNoSecretIsTakenAndTheAdministratorIsToldWhy() {
        ClientSecrets none = new ClientSecrets("");
        assertThat(none.haveKey()).isFalse();
        // the refusal comes before anything is read or saved
        SignInSettings settings = new SignInSettings(null, none, null, null, null, Clock.systemUTC());
        SignInSettings.Outcome outcome = settings.save(1, new DistrictSso.Settings(SsoProvider.GOOGLE,
                "x.apps.googleusercontent.com", "sample.k12.ca.us", null), "GOCSPX-secret", "admin");
        assertThat(outcome.saved()).isFalse();
        assertThat(outcome.message()).contains("Steward has no key to keep client secrets with")
                .contains("STEWARD_SSO_SECRET_KEY").contains("openssl rand -hex 32").endsWith("Nothing was saved.");
    }

    @Test
    void aKeyThatIsNotOneIsRefusedAtStart() {
        assertThatThrownBy(() -> new ClientSecrets("correct horse battery staple"))
                .hasMessageContaining("must be 64 hex digits");
    }
}
