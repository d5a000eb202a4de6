package org.steward.apps;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * The district's apps and online services: their details, privacy reviews, and status. An app that touches pupil
 * records cannot be approved while its latest review lacks a required term.
 */
@Service
public class AppList {

    /** Why a change was not made. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What HR or technology services say of an app. */
    public record Details(String name, String vendor, String url, String purpose, String gradeBands,
                          String studentData, String staffData, boolean showsAdvertising, boolean touchesPupilRecords,
                          boolean under13, App.Agreement agreement, LocalDate agreementSignedOn,
                          LocalDate agreementExpiresOn, boolean exhibitE) {
    }

    private static final String COLUMNS = """
            id, district_id, name, vendor, url, purpose, grade_bands, student_data, staff_data, shows_advertising,
            touches_pupil_records, under_13, status, conditions, agreement, agreement_signed_on, agreement_expires_on,
            exhibit_e, agreement_file_name""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    AppList(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new app, under review until decided. */
    @Transactional
    public App add(long districtId, Details details, String by) {
        check(details);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            long id = jdbc.sql("""
                            insert into app (district_id, name, vendor, url, purpose, grade_bands, student_data,
                                staff_data, shows_advertising, touches_pupil_records, under_13, status, agreement,
                                agreement_signed_on, agreement_expires_on, exhibit_e, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'UNDER_REVIEW', ?, ?, ?, ?, ?, ?) returning id""")
                    .params(districtId, details.name().strip(), strip(details.vendor()), strip(details.url()),
                            strip(details.purpose()), bands(details.gradeBands()), strip(details.studentData()),
                            strip(details.staffData()), details.showsAdvertising(), details.touchesPupilRecords(),
                            details.under13(), details.agreement().name(), details.agreementSignedOn(),
                            details.agreementExpiresOn(), details.exhibitE(), now, now)
                    .query(Long.class).single();
            audit.record(districtId, "APP_ADDED", "app", id, details.name().strip() + " by " + by);
            return find(districtId, id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new Refused("The list already has an app named " + details.name().strip() + ".");
        }
    }

    @Transactional
    public App update(long districtId, long appId, Details details, String by) {
        check(details);
        App before = find(districtId, appId).orElseThrow(() -> new Refused("There is no such app."));
        try {
            jdbc.sql("""
                            update app set name = ?, vendor = ?, url = ?, purpose = ?, grade_bands = ?,
                                student_data = ?, staff_data = ?, shows_advertising = ?, touches_pupil_records = ?,
                                under_13 = ?, agreement = ?, agreement_signed_on = ?, agreement_expires_on = ?,
                                exhibit_e = ?, updated_at = ?
                             where id = ? and district_id = ?""")
                    .params(details.name().strip(), strip(details.vendor()), strip(details.url()),
                            strip(details.purpose()), bands(details.gradeBands()), strip(details.studentData()),
                            strip(details.staffData()), details.showsAdvertising(), details.touchesPupilRecords(),
                            details.under13(), details.agreement().name(), details.agreementSignedOn(),
                            details.agreementExpiresOn(), details.exhibitE(), Timestamp.from(clock.instant()), appId,
                            districtId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new Refused("The list already has an app named " + details.name().strip() + ".");
        }
        App after = find(districtId, appId).orElseThrow();
        if (after.status().approved() && !reviewAllowsApproval(after)) {
            // what changed (pupil records, students, under 13) asks for terms the review did not find
            setStatusUnchecked(after, App.Status.UNDER_REVIEW, "");
            audit.record(districtId, "APP_BACK_UNDER_REVIEW", "app", appId, "its details now need terms its review "
                    + "did not find");
        }
        audit.record(districtId, "APP_CHANGED", "app", appId, before.name() + " by " + by);
        return find(districtId, appId).orElseThrow();
    }

    private static void check(Details details) {
        if (details.name() == null || details.name().isBlank()) {
            throw new Refused("An app needs a name.");
        }
        if (details.url() != null && !details.url().isBlank() && !details.url().strip().matches("(?i)https?://\\S+")) {
            throw new Refused("The address must start with https:// or http://.");
        }
        if (details.agreementSignedOn() != null && details.agreementExpiresOn() != null
                && details.agreementExpiresOn().isBefore(details.agreementSignedOn())) {
            throw new Refused("The agreement expires before it was signed.");
        }
    }

    /** Records a completed privacy review and its verdict. */
    @Transactional
    public PrivacyReview review(long districtId, long appId, Map<PrivacyTerm, PrivacyReview.Answer> answers,
                                String reviewer) {
        App app = find(districtId, appId).orElseThrow(() -> new Refused("There is no such app."));
        List<PrivacyTerm> missing = PrivacyReview.missing(app, answers);
        long id = jdbc.sql("""
                        insert into app_review (district_id, app_id, answers, verdict, missing, reviewer, reviewed_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, appId, answers.entrySet().stream().map(e -> e.getKey().name() + "="
                                + e.getValue().name()).collect(Collectors.joining("\n")),
                        missing.isEmpty() ? "MEETS" : "MISSING",
                        missing.stream().map(Enum::name).toArray(String[]::new), reviewer,
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(districtId, "APP_REVIEWED", "app_review", id, app.name() + ": " + (missing.isEmpty()
                ? "meets the requirements" : "missing " + missing));
        return latestReview(districtId, appId).orElseThrow();
    }

    /** Approve (with conditions or not), deny, retire or reopen; approval needs the review's required terms. */
    @Transactional
    public App decide(long districtId, long appId, App.Status status, String conditions, String by) {
        App app = find(districtId, appId).orElseThrow(() -> new Refused("There is no such app."));
        String words = conditions == null ? "" : conditions.strip();
        if (status == App.Status.APPROVED_WITH_CONDITIONS && words.isEmpty()) {
            throw new Refused("Write the conditions: staff read them on the approved list.");
        }
        if (status.approved() && !reviewAllowsApproval(app)) {
            Optional<PrivacyReview> review = latestReview(districtId, appId);
            throw new Refused(review.isEmpty()
                    ? app.name() + " touches pupil records or is used by students: complete its privacy review first."
                    : app.name() + " cannot be approved while its agreement lacks: " + review.get().missing().stream()
                    .map(t -> t.law().title() + ": " + t.text()).collect(Collectors.joining(" ")) + "");
        }
        setStatusUnchecked(app, status, status == App.Status.APPROVED_WITH_CONDITIONS ? words : "");
        audit.record(districtId, "APP_" + status.name(), "app", appId, app.name() + (words.isEmpty() ? "" : ": "
                + words) + " by " + by);
        return find(districtId, appId).orElseThrow();
    }

    /** An app needing a review (pupil records, students, under 13) has a latest one that found every term. */
    private boolean reviewAllowsApproval(App app) {
        boolean needsReview = Arrays.stream(PrivacyTerm.values()).anyMatch(t -> t.requiredFor(app));
        if (!needsReview) {
            return true;
        }
        return latestReview(app.districtId(), app.id())
                .map(r -> PrivacyReview.missing(app, r.answers()).isEmpty()).orElse(false);
    }

    private void setStatusUnchecked(App app, App.Status status, String conditions) {
        jdbc.sql("update app set status = ?, conditions = ?, updated_at = ? where id = ?")
                .params(status.name(), conditions, Timestamp.from(clock.instant()), app.id()).update();
    }

    @Transactional
    public void attachAgreement(long districtId, long appId, String fileName, byte[] bytes) {
        find(districtId, appId).orElseThrow(() -> new Refused("There is no such app."));
        if (bytes == null || bytes.length == 0) {
            throw new Refused("Choose the agreement's file.");
        }
        jdbc.sql("update app set agreement_file = ?, agreement_file_name = ? where id = ? and district_id = ?")
                .params(bytes, fileName, appId, districtId).update();
        audit.record(districtId, "APP_AGREEMENT_ATTACHED", "app", appId, fileName);
    }

    public Optional<byte[]> agreementFile(long districtId, long appId) {
        return jdbc.sql("select agreement_file from app where id = ? and district_id = ? and agreement_file is not null")
                .params(appId, districtId).query(byte[].class).optional();
    }

    public List<App> all(long districtId) {
        return jdbc.sql("select " + COLUMNS + " from app where district_id = ? order by lower(name)")
                .param(districtId).query((rs, n) -> app(rs)).list();
    }

    /** What the list of apps is asked for; blank or null means any. */
    public record Filter(String text, App.Status status) {
    }

    /** The columns the list of apps may be sorted by: by name first, as staff look an app up. */
    public static final SortColumns REVIEWS = SortColumns.of("list of apps", "id")
            .by("name", "lower(name)")
            .by("vendor", "lower(vendor)")
            .byDescending("pupil-records", "touches_pupil_records")
            .by("agreement", "agreement_expires_on")
            .by("status", "case status when 'UNDER_REVIEW' then 0 when 'APPROVED' then 1 "
                    + "when 'APPROVED_WITH_CONDITIONS' then 2 when 'DENIED' then 3 else 4 end");

    /** The columns the approved list may be sorted by: its apps' names (the rest is what staff read). */
    public static final SortColumns APPROVED = SortColumns.of("approved app list", "id")
            .by("name", "lower(name)");

    private static final String MATCHING = """
             where district_id = :district and (:status = '' or status = :status)
               and (not :approvedOnly or status in ('APPROVED', 'APPROVED_WITH_CONDITIONS'))
               and (:text = '' or lower(name) like :text or lower(vendor) like :text or lower(purpose) like :text)
            """;

    /** A page of the district's apps matching the filter: one count and one query. */
    public Paged<App> page(long districtId, Filter filter, Paging paging) {
        return page(districtId, filter, false, paging);
    }

    /** A page of the approved list, as staff consult it, matching a text when one is given. */
    public Paged<App> approvedPage(long districtId, String text, Paging paging) {
        return page(districtId, new Filter(text, null), true, paging);
    }

    private Paged<App> page(long districtId, Filter filter, boolean approvedOnly, Paging paging) {
        String status = filter.status() == null ? "" : filter.status().name();
        String like = filter.text() == null || filter.text().isBlank() ? "" : Like.containing(filter.text());
        return Paged.of(paging, () -> jdbc.sql("select count(*) from app" + MATCHING).param("district", districtId)
                        .param("status", status).param("approvedOnly", approvedOnly).param("text", like)
                        .query(Long.class).single(),
                page -> jdbc.sql("select " + COLUMNS + " from app" + MATCHING + page.orderBy()
                                + " offset :offset limit :limit")
                        .param("district", districtId).param("status", status).param("approvedOnly", approvedOnly)
                        .param("text", like).param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> app(rs)).list());
    }

    /** The approved list, as staff consult it: approved apps only, those matching a text when one is given. */
    public List<App> approved(long districtId, String text) {
        String like = Like.containing(text);
        return jdbc.sql("select " + COLUMNS + """
                         from app where district_id = ? and status in ('APPROVED', 'APPROVED_WITH_CONDITIONS')
                          and (lower(name) like ? or lower(vendor) like ? or lower(purpose) like ?)
                        order by lower(name)""")
                .params(districtId, like, like, like).query((rs, n) -> app(rs)).list();
    }

    public Optional<App> find(long districtId, long appId) {
        return jdbc.sql("select " + COLUMNS + " from app where id = ? and district_id = ?").params(appId, districtId)
                .query((rs, n) -> app(rs)).optional();
    }

    public Optional<PrivacyReview> latestReview(long districtId, long appId) {
        return jdbc.sql("""
                        select id, app_id, answers, reviewer, reviewed_at from app_review
                         where district_id = ? and app_id = ? order by reviewed_at desc, id desc limit 1""")
                .params(districtId, appId)
                .query((rs, n) -> {
                    Map<PrivacyTerm, PrivacyReview.Answer> answers = new EnumMap<>(PrivacyTerm.class);
                    for (String line : rs.getString("answers").split("\n")) {
                        if (line.contains("=")) {
                            answers.put(PrivacyTerm.valueOf(line.substring(0, line.indexOf('='))),
                                    PrivacyReview.Answer.valueOf(line.substring(line.indexOf('=') + 1)));
                        }
                    }
                    App app = find(districtId, appId).orElseThrow();
                    return new PrivacyReview(rs.getLong("id"), appId, answers, PrivacyReview.missing(app, answers),
                            rs.getString("reviewer"), rs.getTimestamp("reviewed_at").toInstant());
                })
                .optional();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /** The bands as a form or a request names them, "6-8, 9-12". */
    private static String[] bands(String text) {
        return text == null ? new String[0] : Arrays.stream(text.split(",")).map(String::strip)
                .filter(b -> !b.isEmpty()).toArray(String[]::new);
    }

    private static App app(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new App(rs.getLong("id"), rs.getLong("district_id"), rs.getString("name"), rs.getString("vendor"),
                rs.getString("url"), rs.getString("purpose"), List.of((String[]) rs.getArray("grade_bands").getArray()),
                rs.getString("student_data"), rs.getString("staff_data"), rs.getBoolean("shows_advertising"),
                rs.getBoolean("touches_pupil_records"), rs.getBoolean("under_13"),
                App.Status.valueOf(rs.getString("status")), rs.getString("conditions"),
                App.Agreement.valueOf(rs.getString("agreement")),
                rs.getObject("agreement_signed_on", LocalDate.class),
                rs.getObject("agreement_expires_on", LocalDate.class), rs.getBoolean("exhibit_e"),
                rs.getString("agreement_file_name"));
    }
}
