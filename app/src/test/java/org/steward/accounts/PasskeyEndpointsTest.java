package org.steward.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.steward.Fixtures;
import org.steward.StewardTest;
import org.steward.districts.District;

/**
 * Passkey endpoints as an attacker would try them: a registration that does not verify, one without CSRF, a sign-in
 * without its challenge (a replay) or with garbage, another account's passkey removed; the district's rule enforced
 * on every page and set only by the district's administrator. The ceremonies themselves run in Chromium
 * (PasskeysAndSessionsBrowserTest).
 */
@StewardTest
class PasskeyEndpointsTest {

    private static final String FORGED_ATTESTATION = """
            {"publicKey": {"label": "Forged", "credential": {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
             "response": {"attestationObject": "o2NmbXRkbm9uZQ", "clientDataJSON": "e30", "transports": ["internal"]},
             "clientExtensionResults": {}, "authenticatorAttachment": "platform"}}}""";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired Passkeys passkeys;
    @Autowired PasskeyRequirement requirement;
    @Autowired PublicKeyCredentialUserEntityRepository userEntities;
    @Autowired UserCredentialRepository credentials;
    @Autowired JdbcClient jdbc;
    @Autowired CurrentDistrict currentDistrict;
    @Autowired SignInSessions sessions;

    private static UsernamePasswordAuthenticationToken withPasskey(StewardUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    private static UsernamePasswordAuthenticationToken withPassword(StewardUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Test
    void aRegistrationThatDoesNotVerifyIsRefusedInWordsAndSavesNothing() throws Exception {
        District district = fixtures.district("Forgery Unified");
        StewardUser teacher = fixtures.user(district, Role.EMPLOYEE);
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post("/webauthn/register/options").session(session).with(user(teacher)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rp.id").value("localhost"))
                .andExpect(jsonPath("$.user.name").value(teacher.getUsername()));
        mvc.perform(post("/webauthn/register").session(session).with(user(teacher)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(FORGED_ATTESTATION))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(
                        "The device's answer could not be verified, so no passkey was saved. Try again."));
        // the challenge was used up: the same answer again has nothing to answer
        mvc.perform(post("/webauthn/register").session(session).with(user(teacher)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(FORGED_ATTESTATION))
                .andExpect(status().isBadRequest());
        // no CSRF token, no registration
        mvc.perform(post("/webauthn/register/options").with(user(teacher))).andExpect(status().isForbidden());
        mvc.perform(post("/webauthn/register").with(user(teacher)).contentType(MediaType.APPLICATION_JSON)
                .content(FORGED_ATTESTATION)).andExpect(status().isForbidden());
        assertThat(passkeys.of(teacher.accountId())).isEmpty();
    }

    @Test
    void aSignInWithoutItsChallengeOrWithGarbageIsRefused() throws Exception {
        // a replayed answer: no challenge was asked for in this session
        mvc.perform(post("/login/webauthn").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {"authenticatorData": "AAAA",
                         "clientDataJSON": "e30", "signature": "AAAA", "userHandle": "AAAA"},
                         "clientExtensionResults": {}}"""))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").exists());
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.challenge").isNotEmpty());
        mvc.perform(post("/login/webauthn").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("not a credential"))
                .andExpect(status().isUnauthorized());
        // an unknown passkey, with a challenge: refused in words
        mvc.perform(post("/webauthn/authenticate/options").session(session).with(csrf())).andExpect(status().isOk());
        mvc.perform(post("/login/webauthn").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {
                                 "authenticatorData": "AAAA", "clientDataJSON": "e30", "signature": "AAAA"},
                                 "clientExtensionResults": {}}"""))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").value(
                        "Steward does not know this passkey: it may have been removed. Sign in with your password."));
        mvc.perform(post("/login/webauthn").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aPersonRemovesOnlyTheirOwnPasskeys() throws Exception {
        District district = fixtures.district("Removal Unified");
        StewardUser owner = fixtures.user(district, Role.EMPLOYEE);
        StewardUser other = fixtures.user(district, Role.TECHNOLOGY);
        String id = passkeyOf(owner, "Phone");
        assertThat(passkeys.of(owner.accountId())).extracting(Passkeys.Passkey::label).containsExactly("Phone");

        mvc.perform(post("/account/passkeys/" + id + "/remove").with(user(other)).with(csrf()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
        mvc.perform(post("/account/passkeys/" + id + "/remove").with(user(owner))).andExpect(status().isForbidden());
        assertThat(passkeys.of(owner.accountId())).hasSize(1);
        // another's list does not show it
        mvc.perform(get("/account/passkeys").with(user(other)))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Phone"))));

        mvc.perform(post("/account/passkeys/" + id + "/remove").with(user(owner)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(passkeys.of(owner.accountId())).isEmpty();
        assertThat(jdbc.sql("select action || ' ' || details from audit_entry where district_id = ? and action like 'PASSKEY%'"
                        + " order by sequence").param(district.id()).query(String.class).list())
                .containsExactly("PASSKEY_REGISTERED passkey 'Phone'", "PASSKEY_REMOVED passkey 'Phone'");

        // Spring Security's own removal endpoint: its owner only, with a CSRF token, and audited as well
        String tablet = passkeyOf(owner, "Tablet");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/webauthn/register/" + tablet).with(user(other)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/webauthn/register/" + tablet).with(user(owner))).andExpect(status().isForbidden());
        assertThat(passkeys.of(owner.accountId())).hasSize(1);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/webauthn/register/" + tablet).with(user(owner)).with(csrf())).andExpect(status().isNoContent());
        assertThat(passkeys.of(owner.accountId())).isEmpty();
        assertThat(jdbc.sql("select details from audit_entry where district_id = ? and action = 'PASSKEY_REMOVED'"
                + " order by sequence").param(district.id()).query(String.class).list())
                .containsExactly("passkey 'Phone'", "passkey 'Tablet'");
    }

    @Test
    void theDistrictsRuleSendsTheRolesThatSeeTheMostToThePasskeyStep() throws Exception {
        District district = fixtures.district("Rule Unified");
        District other = fixtures.district("Other Unified");
        StewardUser admin = fixtures.user(district, Role.DISTRICT_ADMIN);
        StewardUser investigator = fixtures.user(district, Role.INVESTIGATOR);
        StewardUser hr = fixtures.user(district, Role.HR);
        StewardUser investigatorElsewhere = fixtures.user(other, Role.INVESTIGATOR);
        StewardUser technology = fixtures.user(district, Role.TECHNOLOGY);

        // only the district's administrator sets it, with a CSRF token
        mvc.perform(post("/accounts/sign-in").param("passkeysRequired", "true").with(user(technology)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/accounts/sign-in").param("passkeysRequired", "true").with(user(admin)))
                .andExpect(status().isForbidden());
        assertThat(requirement.of(district.id())).isEmpty();
        mvc.perform(post("/accounts/sign-in").param("passkeysRequired", "true").with(authentication(withPassword(admin)))
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(requirement.of(district.id())).hasValueSatisfying(s -> assertThat(s.required()).isTrue());

        for (String page : List.of("/", "/audit", "/account/passkeys", "/account/sessions", "/staff")) {
            mvc.perform(get(page).with(authentication(withPassword(investigator))))
                    .andExpect(redirectedUrlPattern("/account/passkey-needed?factor*"));
        }
        mvc.perform(get("/account/passkey-needed").with(authentication(withPassword(investigator))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Use a passkey to go on")));
        // with a passkey, on; a role the rule does not name, and another district, are not asked
        mvc.perform(get("/audit").with(authentication(withPasskey(investigator)))).andExpect(status().isOk());
        mvc.perform(get("/account/passkey-needed").with(authentication(withPasskey(investigator))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
        mvc.perform(get("/staff").with(authentication(withPassword(hr)))).andExpect(status().isOk());
        mvc.perform(get("/audit").with(authentication(withPassword(investigatorElsewhere)))).andExpect(status().isOk());
        // at the step, a person with a passkey already may not make another with a password only
        passkeyOf(investigator, "Laptop");
        mvc.perform(post("/webauthn/register").with(authentication(withPassword(investigator))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(FORGED_ATTESTATION)).andExpect(status().isForbidden());

        mvc.perform(post("/accounts/sign-in").with(authentication(withPasskey(admin))).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/audit").with(authentication(withPassword(investigator)))).andExpect(status().isOk());
        assertThat(jdbc.sql("select action from audit_entry where district_id = ? and action like 'PASSKEYS%'"
                + " order by sequence").param(district.id()).query(String.class).list())
                .containsExactly("PASSKEYS_REQUIRED", "PASSKEYS_NOT_REQUIRED");
    }

    @Test
    void aCountyAdministratorActingInAnotherDistrictKeepsThePasskeyTheySignedInWith() {
        District county = fixtures.district("County Office");
        District district = fixtures.district("Member Unified");
        StewardUser countyAdmin = fixtures.user(county, Role.COUNTY_ADMIN);
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(withPasskey(countyAdmin));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            currentDistrict.actIn(district.id(), new org.springframework.mock.web.MockHttpServletRequest(),
                    new org.springframework.mock.web.MockHttpServletResponse());
            var acting = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            assertThat(((StewardUser) acting.getPrincipal()).districtId()).isEqualTo(district.id());
            assertThat(acting.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY, Role.COUNTY_ADMIN.authority());
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aSessionWhosePersonWasSetByHandIsListedAndCanBeEnded() throws Exception {
        // as single sign-on signs a person in: the principal put in the session by hand, without Spring's strategy
        District district = fixtures.district("By Hand Unified");
        StewardUser teacher = fixtures.user(district, Role.EMPLOYEE);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/").session(session).with(user(teacher))).andExpect(status().isOk());
        assertThat(sessions.of(teacher.accountId(), session.getId())).singleElement()
                .satisfies(s -> assertThat(s.how()).isEqualTo("single sign-on"))
                .satisfies(s -> assertThat(s.current()).isTrue());
        assertThat(sessions.endAll(teacher.accountId(), "ended by the test")).isEqualTo(1);
        mvc.perform(get("/").session(session).with(user(teacher)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/login?ended"));
        assertThat(sessions.of(teacher.accountId(), null)).isEmpty();
    }

    /** A passkey saved for the person through Spring Security's own stores, as its registration filter saves one. */
    private String passkeyOf(StewardUser user, String label) {
        var entity = userEntities.findByUsername(user.getUsername());
        if (entity == null) {
            entity = ImmutablePublicKeyCredentialUserEntity.builder().name(user.getUsername())
                    .displayName(user.displayName()).id(Bytes.random()).build();
            userEntities.save(entity);
        }
        Bytes id = Bytes.random();
        credentials.save(ImmutableCredentialRecord.builder().credentialId(id).userEntityUserId(entity.getId())
                .publicKey(new ImmutablePublicKeyCose(new byte[] {1, 2, 3})).signatureCount(0).uvInitialized(true)
                .backupEligible(false).backupState(false).credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .transports(Set.of(AuthenticatorTransport.INTERNAL)).label(label).created(Instant.now())
                .lastUsed(Instant.now()).build());
        return id.toBase64UrlString();
    }
}
