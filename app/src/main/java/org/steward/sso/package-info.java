/**
 * Single sign-on with OpenID Connect, set up by each district for its own Google Workspace or Microsoft Entra ID:
 * the signed-in person is matched to the district's roster by their verified e-mail address.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Single sign-on",
        allowedDependencies = {"accounts", "audit", "districts", "staff"})
package org.steward.sso;
