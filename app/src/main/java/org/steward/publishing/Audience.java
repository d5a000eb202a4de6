package org.steward.publishing;

/** Who will see a post. */
public enum Audience {
    PUBLIC_WEB("The public web, outside the district's own pages", true),
    DISTRICT_PAGE("A district or school page", false),
    CLASS_PAGE("A class page behind the district's sign-in", false);

    private final String title;
    private final boolean needsRegisteredSite;

    Audience(String title, boolean needsRegisteredSite) {
        this.title = title;
        this.needsRegisteredSite = needsRegisteredSite;
    }

    public String title() {
        return title;
    }

    /**
     * Whether posting there needs a site from the register, approved: anything but the district's own pages (Clovis
     * G.2 and H.1, Stanislaus 12).
     */
    public boolean needsRegisteredSite() {
        return needsRegisteredSite;
    }
}
