package org.steward.activity;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.districts.DistrictTime;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.engine.rules.Rule;

/**
 * The district's rules (Steward's default pack, each rule on or off, its severity, time filter, threshold and CEL
 * condition), a changed rule backtested over past days before it is kept, and the duty calendar. For those who keep
 * monitoring; a backtest names people only to technology services and investigators.
 */
@Controller
class RulesController {

    private final DistrictTime time;
    private final DistrictRules rules;
    private final Backtests backtests;
    private final MonitoringSettings settings;

    RulesController(DistrictRules rules, Backtests backtests, MonitoringSettings settings, DistrictTime time) {
        this.time = time;
        this.rules = rules;
        this.backtests = backtests;
        this.settings = settings;
    }

    /** The form as shown: a rule's setting, or what was typed, the threshold's amount in MB or minutes. */
    public record Form(boolean enabled, Rule.Severity severity, Rule.TimeFilter time, Rule.Measure measure, String amount,
                Rule.Window window, String condition) {

        static Form of(DistrictRules.Change change) {
            return new Form(change.enabled(), change.severity(), change.time(), change.measure(), change.amount(),
                    change.window(), change.condition());
        }

        /** What was typed, shown again with the problem it has; a choice the form does not offer is a bad request. */
        static Form typed(Map<String, String> form) {
            try {
                return new Form(form.containsKey("enabled"), Rule.Severity.valueOf(form.getOrDefault("severity", "")),
                        Rule.TimeFilter.valueOf(form.getOrDefault("time", "")),
                        Rule.Measure.valueOf(form.getOrDefault("measure", "")), form.getOrDefault("atLeast", ""),
                        Rule.Window.valueOf(form.getOrDefault("window", "")), form.getOrDefault("condition", ""));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form is incomplete: "
                        + e.getMessage());
            }
        }
    }

    /** The form's fields: a rule as the district would have it (an unticked box sends nothing). */
    private static DistrictRules.Change change(Map<String, String> form) {
        Rule.Measure measure;
        try {
            measure = Rule.Measure.valueOf(form.getOrDefault("measure", ""));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form is incomplete: " + e.getMessage());
        }
        long atLeast = ThresholdUnits.counted(measure, form.get("atLeast")); // MB and minutes, as the person typed
        try {
            return new DistrictRules.Change(form.containsKey("enabled"),
                    Rule.Severity.valueOf(form.getOrDefault("severity", "")),
                    Rule.TimeFilter.valueOf(form.getOrDefault("time", "")), measure, atLeast,
                    Rule.Window.valueOf(form.getOrDefault("window", "")), form.getOrDefault("condition", ""));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form is incomplete: " + e.getMessage());
        }
    }

    @GetMapping("/activity/rules")
    String rules(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("rules", rules.all(me.districtId()));
        model.addAttribute("policy", settings.of(me.districtId()).clausePolicy());
        model.addAttribute("calendar", rules.calendar(me.districtId()));
        return "activity/rules";
    }

    @GetMapping("/activity/rules/{id}")
    String rule(@AuthenticationPrincipal StewardUser me, @PathVariable String id, Model model) {
        DistrictRules.DistrictRule rule = rule(me, id);
        return page(me, rule, Form.of(rule.change()), model);
    }

    @PostMapping("/activity/rules/{id}")
    String change(@AuthenticationPrincipal StewardUser me, @PathVariable String id,
                  @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        DistrictRules.DistrictRule rule = rule(me, id);
        try {
            rules.change(me.districtId(), id, change(form), me.getUsername());
            redirect.addFlashAttribute("message", "Saved: logs ingested from now on are run through the rule as "
                    + "changed. Findings already raised stay as they are until the rules are re-applied to stored logs.");
            return "redirect:/activity/rules/" + id;
        } catch (DistrictRules.Invalid invalid) {
            model.addAttribute("invalid", invalid);
            return page(me, rule, Form.typed(form), model);
        }
    }

    @PostMapping("/activity/rules/{id}/reset")
    String reset(@AuthenticationPrincipal StewardUser me, @PathVariable String id, RedirectAttributes redirect) {
        rule(me, id);
        rules.reset(me.districtId(), id, me.getUsername());
        redirect.addFlashAttribute("message", "Back to Steward's default.");
        return "redirect:/activity/rules/" + id;
    }

    /**
     * Starts the rule as in the form over past days, in the background; stores nothing, the form keeps what was
     * typed, and the page follows the backtest until it is done.
     */
    @PostMapping("/activity/rules/{id}/backtest")
    String backtest(@AuthenticationPrincipal StewardUser me, @PathVariable String id,
                    @RequestParam Map<String, String> form,
                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(defaultValue = "") String reason, Model model) {
        DistrictRules.DistrictRule rule = rule(me, id);
        try {
            Rule changed = DistrictRules.apply(rule.standard(), change(form));
            // names, or a condition that picks people out by who they are, only under the privacy guard's rule
            boolean mayName = PrivacyGuard.maySeeNamedActivity(me);
            boolean reasoned = !reason.isBlank() && PrivacyGuard.reasonProblem(reason) == null;
            if (Backtests.namesSomeone(changed) && !(mayName && reasoned)) {
                throw new DistrictRules.Invalid(mayName
                        ? "A condition on person, user or client asks about named people: say why in the reason. "
                        + (reason.isBlank() ? "" : PrivacyGuard.reasonProblem(reason))
                        : "A condition on person, user or client asks about named people, which only technology "
                        + "services and investigators may, for a reason.", List.of());
            }
            if (!reason.isBlank() && !reasoned) {
                throw new DistrictRules.Invalid(PrivacyGuard.reasonProblem(reason), List.of());
            }
            model.addAttribute("job", backtests.submit(me.districtId(), changed, from, to, zoneOf(model),
                    new Backtests.Asked(me.getUsername(), reason.strip(), mayName && reasoned)));
        } catch (DistrictRules.Invalid invalid) {
            model.addAttribute("invalid", invalid);
        }
        model.addAttribute("reason", reason);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return page(me, rule, Form.typed(form), model);
    }

    /** A backtest's progress, then its outcome: the fragment the rule page asks for every second (htmx). */
    @GetMapping("/activity/backtests/{job}")
    String backtest(@AuthenticationPrincipal StewardUser me, @PathVariable String job, Model model) {
        model.addAttribute("job", backtests.job(me.districtId(), job)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such backtest")));
        return "activity/rule :: backtest";
    }

    private String page(StewardUser me, DistrictRules.DistrictRule rule, Form form, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("form", form);
        model.addAttribute("policy", settings.of(me.districtId()).clausePolicy());
        model.addAttribute("severities", Rule.Severity.values());
        model.addAttribute("times", Rule.TimeFilter.values());
        model.addAttribute("measures", Rule.Measure.values());
        model.addAttribute("units", java.util.Arrays.stream(Rule.Measure.values()).collect(
                java.util.stream.Collectors.toMap(m -> m, ThresholdUnits::unit)));
        model.addAttribute("fields", org.steward.engine.rules.Condition.reference());
        model.addAttribute("windows", Rule.Window.values());
        model.addAttribute("namesPeople", PrivacyGuard.maySeeNamedActivity(me));
        if (!model.containsAttribute("from")) {
            LocalDate today = time.today(me.districtId());
            model.addAttribute("to", today);
            model.addAttribute("from", today.minusDays(30));
        }
        return "activity/rule";
    }

    private static ZoneId zoneOf(Model model) {
        Object zone = model.getAttribute("zone");
        return zone instanceof ZoneId z ? z : District.DEFAULT_ZONE;
    }

    @GetMapping("/activity/calendar")
    String calendar(@AuthenticationPrincipal StewardUser me, Model model) {
        if (!model.containsAttribute("calendar")) {
            model.addAttribute("calendar", rules.calendar(me.districtId()));
        }
        model.addAttribute("days", DayOfWeek.values());
        return "activity/calendar";
    }

    @PostMapping("/activity/calendar")
    String saveCalendar(@AuthenticationPrincipal StewardUser me, @RequestParam String dutyHours,
                        @RequestParam(required = false) List<DayOfWeek> schoolDays,
                        @RequestParam(defaultValue = "") String holidays,
                        @RequestParam(defaultValue = "") String jobFunctions, RedirectAttributes redirect) {
        Set<DayOfWeek> days = schoolDays == null || schoolDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class)
                : EnumSet.copyOf(schoolDays);
        try {
            rules.saveCalendar(me.districtId(), dutyHours, days, holidays, jobFunctions, me.getUsername());
            redirect.addFlashAttribute("message", "Saved: duty time in logs ingested from now on follows it.");
        } catch (DistrictRules.Invalid invalid) {
            redirect.addFlashAttribute("problem", invalid.getMessage());
            redirect.addFlashAttribute("calendar", new DistrictRules.Calendar(dutyHours, days, holidays,
                    jobFunctions, null, null));
        }
        return "redirect:/activity/calendar";
    }

    private DistrictRules.DistrictRule rule(StewardUser me, String id) {
        return rules.find(me.districtId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such rule"));
    }
}
