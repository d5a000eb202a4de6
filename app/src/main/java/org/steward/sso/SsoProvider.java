package org.steward.sso;

/** Whose accounts a district's staff sign in with. */
public enum SsoProvider {

    GOOGLE("Google Workspace", "Google"),
    ENTRA("Microsoft Entra ID", "Microsoft");

    private final String title;
    private final String brand;

    SsoProvider(String title, String brand) {
        this.title = title;
        this.brand = brand;
    }

    public String title() {
        return title;
    }

    /** The name on the button: "Sign in with Google". */
    public String brand() {
        return brand;
    }
}
