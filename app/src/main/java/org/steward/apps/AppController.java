package org.steward.apps;

import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/** Technology services' side of the app list: adding apps, their details and agreement, the review, the decision. */
@Controller
class AppController {

    static final int PAGE = 50;

    private final AppList apps;

    AppController(AppList apps) {
        this.apps = apps;
    }

    @GetMapping("/apps")
    String list(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                @RequestParam(required = false) App.Status status, ListParams list, Model model) {
        Paging paging = AppList.REVIEWS.paging(list, PAGE).at("/apps").keeping("q", q).keeping("status", status);
        model.addAttribute("apps", apps.page(me.districtId(), new AppList.Filter(q, status), paging));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("statuses", App.Status.values());
        return "apps/list";
    }

    @PostMapping("/apps")
    String add(@AuthenticationPrincipal StewardUser me, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            App app = apps.add(me.districtId(), details(request), me.getUsername());
            return "redirect:/apps/" + app.id();
        } catch (AppList.Refused | IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/apps";
        }
    }

    @GetMapping("/apps/{id}")
    String app(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        App app = apps.find(me.districtId(), id).orElseThrow(AppController::notFound);
        model.addAttribute("app", app);
        model.addAttribute("review", apps.latestReview(me.districtId(), id).orElse(null));
        model.addAttribute("terms", PrivacyTerm.values());
        model.addAttribute("statuses", App.Status.values());
        model.addAttribute("agreements", App.Agreement.values());
        return "apps/app";
    }

    @PostMapping("/apps/{id}")
    String update(@AuthenticationPrincipal StewardUser me, @PathVariable long id, HttpServletRequest request,
                  RedirectAttributes redirect) {
        try {
            apps.update(me.districtId(), id, details(request), me.getUsername());
            redirect.addFlashAttribute("message", "Saved.");
        } catch (AppList.Refused | IllegalArgumentException refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/apps/" + id;
    }

    @PostMapping("/apps/{id}/review")
    String review(@AuthenticationPrincipal StewardUser me, @PathVariable long id, HttpServletRequest request,
                  RedirectAttributes redirect) {
        Map<PrivacyTerm, PrivacyReview.Answer> answers = new EnumMap<>(PrivacyTerm.class);
        for (PrivacyTerm term : PrivacyTerm.values()) {
            String answer = request.getParameter(term.name());
            if (answer != null && !answer.isEmpty()) {
                answers.put(term, PrivacyReview.Answer.valueOf(answer));
            }
        }
        try {
            PrivacyReview review = apps.review(me.districtId(), id, answers, me.getUsername());
            redirect.addFlashAttribute("message", review.meetsRequirements() ? "Reviewed: the agreement meets every "
                    + "required term." : "Reviewed: " + review.missing().size() + " required term(s) missing.");
        } catch (AppList.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/apps/" + id;
    }

    @PostMapping("/apps/{id}/decision")
    String decide(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @RequestParam String status,
                  @RequestParam(defaultValue = "") String conditions, RedirectAttributes redirect) {
        try {
            App app = apps.decide(me.districtId(), id, App.Status.valueOf(status), conditions, me.getUsername());
            redirect.addFlashAttribute("message", app.name() + " is " + app.status().title() + ".");
        } catch (AppList.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/apps/" + id;
    }

    @PostMapping("/apps/{id}/agreement")
    String attach(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        try {
            apps.attachAgreement(me.districtId(), id, file.getOriginalFilename(), file.getBytes());
            redirect.addFlashAttribute("message", "Agreement attached.");
        } catch (AppList.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/apps/" + id;
    }

    @GetMapping("/apps/{id}/agreement")
    ResponseEntity<byte[]> agreement(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        App app = apps.find(me.districtId(), id).orElseThrow(AppController::notFound);
        byte[] file = apps.agreementFile(me.districtId(), id).orElseThrow(AppController::notFound);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(app.agreementFileName()).build().toString())
                .body(file);
    }

    private static AppList.Details details(HttpServletRequest r) {
        return new AppList.Details(r.getParameter("name"), r.getParameter("vendor"), r.getParameter("url"),
                r.getParameter("purpose"), String.join(",", values(r, "gradeBand")), r.getParameter("studentData"),
                r.getParameter("staffData"), "true".equals(r.getParameter("showsAdvertising")),
                "true".equals(r.getParameter("touchesPupilRecords")), "true".equals(r.getParameter("under13")),
                r.getParameter("agreement") == null || r.getParameter("agreement").isEmpty() ? App.Agreement.NONE
                        : App.Agreement.valueOf(r.getParameter("agreement")),
                date(r.getParameter("agreementSignedOn")), date(r.getParameter("agreementExpiresOn")),
                "true".equals(r.getParameter("exhibitE")));
    }

    private static String[] values(HttpServletRequest r, String name) {
        String[] values = r.getParameterValues(name);
        return values == null ? new String[0] : values;
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text);
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
