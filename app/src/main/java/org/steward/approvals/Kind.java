package org.steward.approvals;

import java.util.List;

import org.steward.accounts.Role;

/**
 * What needs prior approval, with the model policy's clause that requires it, the fields the request asks for,
 * and the approvers' route a district starts from (SUPERVISOR is the requester's own supervisor).
 */
public enum Kind {
    NEW_APP("A new app or online service", "H.2", List.of(
            new Field("app", "Name of the app or service", true), new Field("vendor", "Vendor", false),
            new Field("url", "Address (https://...)", false), new Field("purpose", "What it is for", true),
            new Field("students", "Grades that would use it (none: staff only)", false),
            new Field("studentData", "What it collects about students", false)),
            List.of(Role.SUPERVISOR, Role.TECHNOLOGY), Expiry.NONE),
    SOFTWARE_INSTALL("Installing software", "C.11", List.of(
            new Field("software", "Software", true), new Field("device", "Device (asset tag)", true),
            new Field("why", "Why", true)), List.of(Role.TECHNOLOGY), Expiry.NONE),
    SUBSCRIPTION("A fee-based subscription", "C.14", List.of(
            new Field("service", "Service", true), new Field("cost", "Cost a year ($)", true),
            new Field("why", "Why", true)), List.of(Role.SUPERVISOR, Role.TECHNOLOGY, Role.DISTRICT_ADMIN),
            Expiry.NONE),
    PURCHASE("A purchase of hardware or software", "C.14", List.of(
            new Field("item", "What", true), new Field("cost", "Cost ($)", true), new Field("why", "Why", true)),
            List.of(Role.SUPERVISOR, Role.TECHNOLOGY), Expiry.NONE),
    MASS_EMAIL("An \"All District\" or mass e-mail", "C.10", List.of(
            new Field("audience", "To whom (all staff, all families, a whole school)", true),
            new Field("subject", "Subject", true), new Field("summary", "What it says", true)),
            List.of(Role.DISTRICT_ADMIN), Expiry.ONE_USE),
    WEB_PRESENCE("A web site, blog or social media account for the district", "I.1", List.of(
            new Field("name", "Site or account", true), new Field("platform", "Platform", true),
            new Field("purpose", "What it is for", true), new Field("keeper", "Who keeps it", true)),
            List.of(Role.SUPERVISOR, Role.TECHNOLOGY), Expiry.NONE),
    EQUIPMENT_OFF_SITE("Taking equipment off site", "G.3", List.of(
            new Field("equipment", "Equipment (asset tags)", true), new Field("until", "Until (yyyy-mm-dd)", true),
            new Field("why", "Why", true)), List.of(Role.SUPERVISOR), Expiry.UNTIL_DATE),
    STUDENT_DATA_EXTRACT("An extract of identifiable student data to a vendor", "F.3", List.of(
            new Field("vendor", "Vendor", true), new Field("data", "Which data", true),
            new Field("purpose", "What for", true)), List.of(Role.TECHNOLOGY, Role.DISTRICT_ADMIN), Expiry.NONE);

    /** A field of the request's form. */
    public record Field(String name, String label, boolean required) {
    }

    /** How an approval ends: never, after one use (one message), or on a date the request gives. */
    public enum Expiry {
        NONE, ONE_USE, UNTIL_DATE
    }

    private final String title;
    private final String clause;
    private final List<Field> fields;
    private final List<Role> route;
    private final Expiry expiry;

    Kind(String title, String clause, List<Field> fields, List<Role> route, Expiry expiry) {
        this.title = title;
        this.clause = clause;
        this.fields = fields;
        this.route = route;
        this.expiry = expiry;
    }

    public String title() {
        return title;
    }

    /** The clause of Steward's model policy that requires the approval. */
    public String clause() {
        return clause;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Role> defaultRoute() {
        return route;
    }

    public Expiry expiry() {
        return expiry;
    }
}
