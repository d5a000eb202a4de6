package org.steward.activity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Signature;
import org.steward.acknowledgments.Signing;
import org.steward.audit.AuditLog;
import org.steward.exports.CsvExport;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.PersonSearch;

/**
 * The internet use report, the findings queue and each finding, and an employee's own activity. District and site
 * totals name nobody; a named person's activity, and a site's visitors, are shown only under the privacy guard.
 */
@Controller
class ActivityController {

    private static final int TOP_SITES = 25;
    private static final int TOP_USERS_SHOWN = 50;
    /** What the privacy guard calls a look at the top users: names of many people at once. */
    static final String TOP_USERS = "top-users";
    static final int QUEUE_PAGE = 50;
    /** The rows a page of the other lists shows: a site's visitors, a person's sites, days and findings. */
    static final int LIST_PAGE = 50;

    /** How the privacy guard and the pages' links name a staff member: {@code staff:} and the roster's record id. */
    private static final java.util.regex.Pattern STAFF_KEY = java.util.regex.Pattern.compile("staff:\\d+");

    private final InternetUse use;
    private final Findings findings;
    private final PrivacyGuard guard;
    private final MonitoringSettings settings;
    private final PolicyLibrary policies;
    private final Signing signing;
    private final Clock clock;
    private final PersonSearch people;
    private final AuditLog audit;

    ActivityController(InternetUse use, Findings findings, PrivacyGuard guard, MonitoringSettings settings,
                       PolicyLibrary policies, Signing signing, Clock clock, PersonSearch people, AuditLog audit) {
        this.people = people;
        this.audit = audit;
        this.use = use;
        this.findings = findings;
        this.guard = guard;
        this.settings = settings;
        this.policies = policies;
        this.signing = signing;
        this.clock = clock;
    }

    @GetMapping("/activity")
    String district(@AuthenticationPrincipal StewardUser me,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    Model model) {
        Range range = range(model, from, to);
        InternetUse.Report report = use.district(me.districtId(), range.from(), range.to(), TOP_SITES);
        charts(model, report);
        model.addAttribute("mayLook", PrivacyGuard.maySeeNamedActivity(me));
        return "activity/report";
    }

    @GetMapping("/activity/sites")
    String site(@AuthenticationPrincipal StewardUser me, @RequestParam String site,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) Long view, @RequestParam(defaultValue = "") String q,
                ListParams list, Model model) {
        Range range = range(model, from, to);
        InternetUse.Report report = use.site(me.districtId(), site, range.from(), range.to());
        model.addAttribute("site", site);
        model.addAttribute("report", report);
        model.addAttribute("mayLook", PrivacyGuard.maySeeNamedActivity(me));
        if (view != null) {
            Paging paging = InternetUse.VISITORS.paging(list, LIST_PAGE).at("/activity/sites").keeping("site", site)
                    .keeping("from", range.from()).keeping("to", range.to()).keeping("view", view).keeping("q", q);
            PrivacyGuard.View open = guard.check(me, view, "site:" + site, "the visitors");
            model.addAttribute("view", open);
            model.addAttribute("q", q);
            model.addAttribute("visitors", use.visitors(me.districtId(), site, range.from(), range.to(), q, paging));
        }
        return "activity/site";
    }

    /** Who used the internet most over the days, by time connected: names, so only under a reason. */
    @GetMapping("/activity/top")
    String top(@AuthenticationPrincipal StewardUser me,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
               @RequestParam(required = false) Long view, Model model, HttpServletResponse response) {
        Range range = range(model, from, to);
        PrivacyGuard.View open;
        try {
            open = guard.check(me, view, TOP_USERS, "the top users, " + range.from() + " to " + range.to());
        } catch (PrivacyGuard.Refused refused) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("person", TOP_USERS);
            model.addAttribute("name", "the district's top users");
            model.addAttribute("from", range.from());
            model.addAttribute("to", range.to());
            model.addAttribute("back", "top");
            return "activity/reason";
        }
        model.addAttribute("report", use.district(me.districtId(), range.from(), range.to(), TOP_SITES));
        model.addAttribute("users", use.topUsers(me.districtId(), range.from(), range.to(), TOP_USERS_SHOWN));
        model.addAttribute("shown", TOP_USERS_SHOWN);
        model.addAttribute("view", open);
        return "activity/top";
    }

    /** A person's report's three lists, each paged and sorted under its own name: {@code ?days.page=2}. */
    record PersonLists(ListParams sites, ListParams days, ListParams findings) {
    }

    @GetMapping("/activity/people")
    String person(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String person,
                  @RequestParam(required = false) Long staffId,
                  @RequestParam(defaultValue = "false") boolean account,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) Long view, @RequestParam(defaultValue = "") String q,
                  PersonLists lists, Model model, HttpServletResponse response) {
        Range range = range(model, from, to);
        Paging sites = InternetUse.SITES.paging(lists.sites(), LIST_PAGE).named("sites");
        Paging days = InternetUse.DAYS.paging(lists.days(), LIST_PAGE).named("days");
        Paging theirFindings = Findings.OF_A_PERSON.paging(lists.findings(), LIST_PAGE).named("findings");
        InternetUse.Who who = whoIsMeant(me, person, staffId, account);
        if (who == null) {
            model.addAttribute("query", person.strip());
            model.addAttribute("choices", people.suggestions(me, person, false, PersonSearch.SUGGESTIONS));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            return "activity/choose-person";
        }
        PrivacyGuard.View open;
        try {
            open = guard.check(me, view, who.key(), "the internet use report");
        } catch (PrivacyGuard.Refused refused) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("person", who.key());
            model.addAttribute("name", name(me, who));
            model.addAttribute("from", range.from());
            model.addAttribute("to", range.to());
            model.addAttribute("back", "people");
            return "activity/reason";
        }
        // every link of the report names the person, the days and the reason, as the address did
        for (Paging one : List.of(sites, days, theirFindings)) {
            one.at("/activity/people").keeping("person", who.key())
                    .keeping("account", who.staffId() == null ? "true" : null).keeping("from", range.from())
                    .keeping("to", range.to()).keeping("view", open.id()).keeping("q", q);
        }
        sites.besides(days).besides(theirFindings);
        days.besides(sites).besides(theirFindings);
        theirFindings.besides(sites).besides(days);
        InternetUse.Report report = use.person(me.districtId(), who, range.from(), range.to(), TOP_SITES);
        charts(model, report);
        model.addAttribute("who", who);
        model.addAttribute("name", name(me, who));
        model.addAttribute("view", open);
        model.addAttribute("q", q);
        model.addAttribute("sites", use.sitesOf(me.districtId(), who, range.from(), range.to(), q, sites));
        model.addAttribute("days", use.dayTotals(me.districtId(), who, range.from(), range.to(), days));
        model.addAttribute("personFindings", who.staffId() != null
                ? findings.ofStaff(me.districtId(), who.staffId(), theirFindings) : null);
        return "activity/person";
    }

    @PostMapping("/activity/views")
    String openView(@AuthenticationPrincipal StewardUser me, @RequestParam String person, @RequestParam String reason,
                    @RequestParam(required = false) String caseRef, @RequestParam(defaultValue = "people") String back,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(required = false) Long finding, RedirectAttributes redirect) {
        if (back.equals("finding") && finding != null) {
            // whom the finding is about is read from the finding, not from the form
            Findings.Finding about = findings.find(me.districtId(), finding).orElseThrow(ActivityController::notFound);
            String target = "/activity/findings/" + finding;
            try {
                return "redirect:" + target + "?view=" + guard.open(me, subjectOf(about), reason, caseRef).id();
            } catch (PrivacyGuard.Refused refused) {
                redirect.addFlashAttribute("problem", refused.getMessage());
                return "redirect:" + target;
            }
        }
        if (back.equals("top")) {
            UriComponentsBuilder target = UriComponentsBuilder.fromPath("/activity/top");
            if (from != null) {
                target.queryParam("from", from);
            }
            if (to != null) {
                target.queryParam("to", to);
            }
            try {
                target.queryParam("view", guard.open(me, TOP_USERS, reason, caseRef).id());
            } catch (PrivacyGuard.Refused refused) {
                redirect.addFlashAttribute("problem", refused.getMessage());
            }
            return "redirect:" + target.encode().build().toUriString();
        }
        if (back.equals("findings")) {
            UriComponentsBuilder target = UriComponentsBuilder.fromPath("/activity/findings")
                    .queryParam("site", person).queryParam("status", "");
            try {
                target.queryParam("view", guard.open(me, "site:" + person.strip(), reason, caseRef).id());
            } catch (PrivacyGuard.Refused refused) {
                redirect.addFlashAttribute("problem", refused.getMessage());
            }
            return "redirect:" + target.encode().build().toUriString();
        }
        boolean site = back.equals("sites");
        String subject = site ? "site:" + person : who(person).key();
        if (!site) {
            name(me, who(person)); // a staff id of another district is not found
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromPath(site ? "/activity/sites" : "/activity/people")
                .queryParam(site ? "site" : "person", person);
        if (from != null) {
            target.queryParam("from", from);
        }
        if (to != null) {
            target.queryParam("to", to);
        }
        try {
            PrivacyGuard.View view = guard.open(me, subject, reason, caseRef);
            target.queryParam("view", view.id());
        } catch (PrivacyGuard.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:" + target.encode().build().toUriString();
    }

    @GetMapping("/activity/people.csv")
    ResponseEntity<byte[]> personCsv(@AuthenticationPrincipal StewardUser me, @RequestParam String person,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate to,
                                     @RequestParam(required = false) Long view, Model model) {
        InternetUse.Who who = who(person);
        Range range = range(model, from, to);
        lookedAt(me, view, who, "the internet use CSV");
        return csv(use.days(me.districtId(), who, range.from(), range.to()), fileName(who, range, "csv"));
    }

    /**
     * A person's report as a PDF for an investigation's file: under the same reason as the page, audited, with the
     * reason printed on every page.
     */
    @GetMapping("/activity/people.pdf")
    ResponseEntity<byte[]> personPdf(@AuthenticationPrincipal StewardUser me, @RequestParam String person,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate to,
                                     @RequestParam(required = false) Long view, Model model) {
        InternetUse.Who who = who(person);
        Range range = range(model, from, to);
        PrivacyGuard.View open = lookedAt(me, view, who, "the internet use report as a PDF, " + range.from()
                + " to " + range.to());
        ZoneId zone = zone(model);
        String name = name(me, who);
        byte[] pdf = PersonReportPdf.of(new PersonReportPdf.Made((String) model.getAttribute("districtName"), name,
                        me.displayName(), open.reason(), open.caseRef(),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                                clock.instant().atZone(zone)), (String) model.getAttribute("zoneName")),
                use.person(me.districtId(), who, range.from(), range.to(), 500),
                use.dayTotals(me.districtId(), who, range.from(), range.to()),
                who.staffId() != null ? findings.ofStaff(me.districtId(), who.staffId(), false) : List.of(), zone);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(who, range, "pdf")).build().toString())
                .body(pdf);
    }

    /** A person's report as a file: {@code internet-use-staff_23-2026-11-01-2026-11-30.csv}. */
    private static String fileName(InternetUse.Who who, Range range, String extension) {
        return "internet-use-" + who.key().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + range.from() + "-" + range.to()
                + "." + extension;
    }

    /** The viewer's reason to see the person's activity, the look audited; a file without one is refused (403). */
    private PrivacyGuard.View lookedAt(StewardUser me, Long view, InternetUse.Who who, String what) {
        try {
            return guard.check(me, view, who.key(), what);
        } catch (PrivacyGuard.Refused refused) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refused.getMessage());
        }
    }

    /** An employee's own report and findings: what is kept about them (transparency), without a reason. */
    @GetMapping("/activity/mine")
    String mine(@AuthenticationPrincipal StewardUser me,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                ListParams list, Model model) {
        Range range = range(model, from, to);
        if (me.staffId() != null) {
            InternetUse.Who mine = InternetUse.Who.staff(me.staffId());
            InternetUse.Report report = use.person(me.districtId(), mine, range.from(), range.to(), TOP_SITES);
            charts(model, report);
            Paging sites = InternetUse.SITES.paging(list, LIST_PAGE).at("/activity/mine")
                    .keeping("from", range.from()).keeping("to", range.to());
            model.addAttribute("sites", use.sitesOf(me.districtId(), mine, range.from(), range.to(), "", sites));
            model.addAttribute("myFindings", findings.ofStaff(me.districtId(), me.staffId(), false));
        } else {
            model.addAttribute("from", range.from());
            model.addAttribute("to", range.to());
        }
        return "activity/mine";
    }

    @GetMapping("/activity/findings")
    String queue(@AuthenticationPrincipal StewardUser me, @RequestParam(required = false) String rule,
                 @RequestParam(required = false) String clause, @RequestParam(required = false) String site,
                 @RequestParam(required = false) String severity, @RequestParam(required = false) String status,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @RequestParam(required = false) String person, @RequestParam(defaultValue = "") String group,
                 @RequestParam(required = false) Long view, @RequestParam(defaultValue = "") String q,
                 ListParams list, Model model) {
        if (mayTriage(me)) {
            Queue queue = askedFor(me, rule, clause, site, severity, status, from, to, person, group, view, list,
                    model);
            model.addAttribute("filter", queue.filter());
            model.addAttribute("statusParam", queue.status());
            model.addAttribute("grouped", queue.grouped());
            model.addAttribute("personName", queue.filter().person() == null ? null
                    : name(me, who(queue.filter().person())));
            if (queue.grouped()) {
                model.addAttribute("people", findings.byPerson(me.districtId(), queue.filter(), zone(model),
                        queue.paging()));
            } else {
                model.addAttribute("findings", findings.page(me.districtId(), queue.filter(), zone(model),
                        queue.paging()));
            }
            model.addAttribute("policy", settings.of(me.districtId()).clausePolicy());
            model.addAttribute("rules", findings.rules(me.districtId()));
            model.addAttribute("statuses", Findings.Status.values());
            model.addAttribute("severities", Findings.SEVERITIES);
            return "activity/findings";
        }
        if (me.has(Role.SUPERVISOR) && me.staffId() != null) {
            Findings.Status wanted = status == null || status.isBlank() ? null : Findings.Status.valueOf(status);
            Paging paging = Findings.ABOUT_STAFF.paging(list, QUEUE_PAGE).at("/activity/findings")
                    .keeping("q", q).keeping("status", wanted);
            model.addAttribute("findings", findings.confirmedAboutReportsOf(me.districtId(), me.staffId(), wanted, q,
                    paging));
            model.addAttribute("q", q);
            model.addAttribute("status", wanted);
            return "activity/staff-findings";
        }
        throw new AccessDeniedException("Findings are for technology services, investigators and supervisors");
    }

    /** The findings queue as its filters ask for it, in a CSV file: audited, as what it names is personal. */
    @GetMapping("/activity/findings.csv")
    ResponseEntity<byte[]> queueCsv(@AuthenticationPrincipal StewardUser me,
                                    @RequestParam(required = false) String rule,
                                    @RequestParam(required = false) String clause,
                                    @RequestParam(required = false) String site,
                                    @RequestParam(required = false) String severity,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate to,
                                    @RequestParam(required = false) String person,
                                    @RequestParam(required = false) Long view, ListParams list, Model model) {
        if (!mayTriage(me)) {
            throw new AccessDeniedException("The findings queue is for technology services and investigators");
        }
        Queue queue = askedFor(me, rule, clause, site, severity, status, from, to, person, "", view, list, model);
        if (queue.siteRefused() != null) {
            // a file of the findings at a site would name who visited it: without a reason there is none
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, queue.siteRefused());
        }
        ZoneId zone = zone(model);
        List<Findings.Finding> rows = findings.export(me.districtId(), queue.filter(), zone, queue.paging());
        String policy = settings.of(me.districtId()).clausePolicy();
        byte[] body = CsvExport.of(List.of("id", "first", "last", "rule", "finding", "severity", "person",
                "account_or_address", "clause", "count", "status"), rows, f -> List.of(f.id(),
                LocalDateTime.ofInstant(f.first(), zone).toString(), LocalDateTime.ofInstant(f.last(), zone).toString(),
                f.rule(), f.title(), f.severity(), f.staffName() == null ? "" : f.staffName(), f.person(),
                f.citation() != null ? f.citation().clauseKey() : f.clauses().getOrDefault(policy, ""), f.count(),
                f.status().title()));
        audit.record(me.districtId(), "FINDINGS_EXPORTED", "activity_finding", "queue",
                rows.size() + " findings as CSV: " + describe(queue.filter())
                        + (rows.size() == Findings.EXPORT_LIMIT ? " (the first " + Findings.EXPORT_LIMIT + ")" : ""));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("findings-" + LocalDate.now(clock.withZone(zone)) + ".csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    /**
     * Triages the findings chosen in the queue at once, all or nothing, then goes back to the queue as it was
     * (its filters, order and page).
     */
    @PostMapping("/activity/findings/triage")
    String triageChosen(@AuthenticationPrincipal StewardUser me,
                        @RequestParam(name = "ids", required = false) List<Long> ids,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
                        @RequestParam(defaultValue = "/activity/findings") String back, RedirectAttributes redirect) {
        if (!mayTriage(me)) {
            throw new AccessDeniedException("Only technology services and investigators triage findings");
        }
        // back to the queue only: never to another address a form was made to carry
        String queue = back.startsWith("/activity/findings?") ? back : "/activity/findings";
        if (status == null || status.isBlank()) {
            redirect.addFlashAttribute("problem", "Choose what the findings become; nothing was changed.");
            return "redirect:" + queue;
        }
        try {
            Findings.Status to = Findings.Status.valueOf(status);
            int done = findings.triageAll(me.districtId(), ids == null ? List.of() : ids, to, reason,
                    me.getUsername());
            redirect.addFlashAttribute("message", (done == 1 ? "1 finding is" : done + " findings are") + " now "
                    + to.title().toLowerCase() + ".");
        } catch (Findings.Refused | IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:" + queue;
    }

    /** The queue asked for: its filter, with the site filter only under a reason, and its page and order. */
    record Queue(Findings.Filter filter, String status, boolean grouped, Paging paging, String siteRefused) {
    }

    private Queue askedFor(StewardUser me, String rule, String clause, String site, String severity, String status,
                           LocalDate from, LocalDate to, String person, String group, Long view, ListParams list,
                           Model model) {
        if (!group.isEmpty() && !group.equals("person")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The queue is grouped by person or not at all;"
                    + " not by '" + group + "'.");
        }
        Findings.Status wanted = status == null ? Findings.Status.OPEN
                : status.isBlank() ? null : Findings.Status.valueOf(status);
        String bySite = site == null || site.isBlank() ? null : site.strip();
        String siteRefused = null;
        if (bySite != null) {
            // the findings at a site tell who visited it: that takes a reason, as the site's visitors do
            try {
                model.addAttribute("view", guard.check(me, view, "site:" + bySite, "the findings at the site"));
            } catch (PrivacyGuard.Refused refused) {
                model.addAttribute("siteNeedsReason", bySite);
                siteRefused = refused.getMessage();
                bySite = null;
            }
        }
        String about = person == null || person.isBlank() ? null : who(person).key();
        boolean grouped = group.equals("person");
        Paging paging = (grouped ? Findings.PEOPLE : Findings.COLUMNS).paging(list, QUEUE_PAGE)
                .at("/activity/findings").keepingBlank("status", status == null ? "OPEN" : status)
                .keeping("rule", rule).keeping("clause", clause).keeping("site", bySite)
                .keeping("view", bySite == null ? null : view).keeping("severity", severity)
                .keeping("from", from).keeping("to", to).keeping("person", about).keeping("group", group);
        return new Queue(new Findings.Filter(rule, clause, bySite, severity, wanted, from, to, about),
                status == null ? "OPEN" : status, grouped, paging, siteRefused);
    }

    private static String describe(Findings.Filter filter) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add("status " + (filter.status() == null ? "any" : filter.status().title().toLowerCase()));
        if (filter.rule() != null && !filter.rule().isBlank()) parts.add("rule " + filter.rule());
        if (filter.clause() != null && !filter.clause().isBlank()) parts.add("clause " + filter.clause());
        if (filter.severity() != null && !filter.severity().isBlank()) parts.add("severity " + filter.severity());
        if (filter.site() != null) parts.add("site " + filter.site());
        if (filter.person() != null) parts.add("about " + filter.person());
        if (filter.from() != null) parts.add("from " + filter.from());
        if (filter.to() != null) parts.add("to " + filter.to());
        return String.join(", ", parts);
    }

    /**
     * A finding: what rule, which clause, when and how much, to whoever may see it. Its evidence is the person's own
     * log lines: shown to the person, and to technology services and investigators under a stated reason (the
     * privacy guard); a supervisor sees the confirmed finding without them.
     */
    @GetMapping("/activity/findings/{id}")
    String finding(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                   @RequestParam(required = false) Long view, Model model) {
        Findings.Finding finding = findings.find(me.districtId(), id).orElseThrow(ActivityController::noSuchFinding);
        boolean mine = me.staffId() != null && me.staffId().equals(finding.staffId());
        boolean supervisorSees = me.has(Role.SUPERVISOR) && me.staffId() != null
                && me.staffId().equals(finding.supervisorId())
                && (finding.status() == Findings.Status.CONFIRMED || finding.status() == Findings.Status.INVESTIGATION);
        if (!mayTriage(me) && !mine && !supervisorSees) {
            throw noSuchFinding();
        }
        boolean evidenceShown = mine;
        if (!mine && mayTriage(me) && view != null) {
            try {
                model.addAttribute("view", guard.check(me, view, subjectOf(finding),
                        "the log lines of finding " + id));
                evidenceShown = true;
            } catch (PrivacyGuard.Refused refused) {
                model.addAttribute("problem", refused.getMessage());
            }
        }
        model.addAttribute("evidenceShown", evidenceShown);
        model.addAttribute("subject", subjectOf(finding));
        model.addAttribute("finding", finding);
        model.addAttribute("steps", findings.steps(me.districtId(), id));
        model.addAttribute("addenda", findings.addenda(me.districtId(), id));
        model.addAttribute("mayTriage", mayTriage(me));
        model.addAttribute("statuses", Findings.Status.values());
        clauseOf(me, finding, model);
        return "activity/finding";
    }

    /** Whom a finding is about, as the privacy guard names them: the staff member, or the account or address. */
    private static String subjectOf(Findings.Finding finding) {
        return finding.staffId() != null ? InternetUse.Who.staff(finding.staffId()).key() : finding.person();
    }

    @PostMapping("/activity/findings/{id}/triage")
    String triage(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @RequestParam String status,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (!mayTriage(me)) {
            throw new AccessDeniedException("Only technology services and investigators triage findings");
        }
        try {
            Findings.Finding done = findings.triage(me.districtId(), id, Findings.Status.valueOf(status), reason,
                    me.getUsername());
            redirect.addFlashAttribute("message", "The finding is now " + done.status().title().toLowerCase() + ".");
        } catch (Findings.Refused | IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/activity/findings/" + id;
    }

    /**
     * The clause the finding cites in the district's policy: in the version the person last signed when there is
     * one (with a link to the acknowledgment), else in the district's published policy of the cited kind.
     */
    /**
     * The clause the finding cites, in the version of the district's policy in force when it was made, and the
     * acknowledgment the person had signed before its events. Only the district's own policy is shown.
     */
    private void clauseOf(StewardUser me, Findings.Finding finding, Model model) {
        String policyKey = settings.of(me.districtId()).clausePolicy();
        model.addAttribute("clauseKey", finding.clauses().get(policyKey));
        model.addAttribute("cited", finding.citation() == null ? null
                : policies.cited(me.districtId(), finding.citation()).orElse(null));
        model.addAttribute("signature", finding.staffId() == null ? null
                : signing.signedBy(me.districtId(), finding.staffId()).stream()
                .filter(s -> !s.signedAt().isAfter(finding.first())) // the one in force when it happened
                .max(Comparator.comparing(Signature::signedAt)).orElse(null));
    }

    private static boolean mayTriage(StewardUser me) {
        return me.hasAny(Role.TECHNOLOGY, Role.INVESTIGATOR);
    }

    private void charts(Model model, InternetUse.Report report) {
        model.addAttribute("report", report);
        model.addAttribute("sitesChart", Charts.topSites(report));
        model.addAttribute("categoriesChart", Charts.categories(report));
        model.addAttribute("hoursChart", Charts.hours(report));
    }

    private String name(StewardUser me, InternetUse.Who who) {
        try {
            return use.nameOf(me.districtId(), who);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    /**
     * Whom a look at a person's activity is about: the person chosen from the picker; a staff key as links give it
     * ({@code staff:23}); the one person a text names exactly (an employee id such as E1010, with or without
     * {@code staff:}, an e-mail address, a full name); or, when it names nobody on the roster (or {@code account} says
     * so), the account or address as the logs name it. Null when the text could mean several people, to choose from.
     */
    private InternetUse.Who whoIsMeant(StewardUser me, String person, Long staffId, boolean account) {
        if (staffId != null) {
            return InternetUse.Who.staff(people.chosen(me, staffId, false).orElseThrow(ActivityController::notFound)
                    .id());
        }
        String text = person.strip();
        if (STAFF_KEY.matcher(text).matches()) {
            return who(text);
        }
        if (text.startsWith("staff:")) {
            text = text.substring("staff:".length()).strip();
        }
        if (text.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Name the person whose activity you need to "
                    + "see: part of their name, their employee id or e-mail address, or an account or address.");
        }
        if (account) {
            return who(text);
        }
        PersonSearch.Found found = people.find(me, text, false);
        if (found instanceof PersonSearch.Found.Person one) {
            return InternetUse.Who.staff(one.person().id());
        }
        return ((PersonSearch.Found.Candidates) found).people().isEmpty() ? who(text) : null;
    }

    private static InternetUse.Who who(String person) {
        try {
            return InternetUse.Who.parse(person);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    record Range(LocalDate from, LocalDate to) {
    }

    /** The days asked for; by default the thirty days to today in the district's time zone. */
    private Range range(Model model, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(zone(model)));
        LocalDate end = to != null ? to : today;
        LocalDate start = from != null ? from : end.minusDays(29);
        if (start.isAfter(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The range starts after it ends.");
        }
        if (start.isBefore(end.minusYears(5))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A report covers at most five years.");
        }
        return new Range(start, end);
    }

    private static ZoneId zone(Model model) {
        return (ZoneId) model.getAttribute("zone");
    }

    private static ResponseEntity<byte[]> csv(List<InternetUse.DayLine> rows, String fileName) {
        byte[] body = CsvExport.of(List.of("date", "site", "visits", "seconds_connected", "requests", "elapsed_ms",
                "bytes", "blocked", "categories"), rows, row -> List.of(row.day(), row.site(), row.visits(),
                row.seconds(), row.requests(), row.elapsedMs(), row.bytes(), row.blocked(),
                String.join("|", row.categories())));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** Told alike whether the finding is someone else's or does not exist: its id says nothing. */
    private static ResponseStatusException noSuchFinding() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such finding for you to see: you see "
                + "the findings about yourself, and a supervisor the confirmed findings about their staff.");
    }
}
