package org.steward.investigations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Kiosks;
import org.steward.lists.ListParams;

/**
 * Reporting a problem, for every employee: the form, the receipt, the reports they sent. And the investigators'
 * reports: the list, a report's page, its attachments, and what they do with it.
 */
@Controller
class ReportController {

    static final int PAGE = 50;

    private final Reports reports;
    private final Kiosks kiosks;

    ReportController(Reports reports, Kiosks kiosks) {
        this.reports = reports;
        this.kiosks = kiosks;
    }

    @GetMapping("/report")
    String form(HttpServletRequest request, Model model) {
        if (kiosks.isKiosk(request)) {
            request.getSession().setMaxInactiveInterval(Kiosks.IDLE_SECONDS);
        }
        return form(model, new Form("", "", "", "", "", false));
    }

    @PostMapping("/report")
    String send(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String kind,
                @RequestParam(defaultValue = "") String what, @RequestParam(defaultValue = "") String place,
                @RequestParam(defaultValue = "") String happenedOn, @RequestParam(defaultValue = "") String happenedAt,
                @RequestParam(defaultValue = "false") boolean confidential,
                @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
                HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Form entered = new Form(kind, what, place, happenedOn, happenedAt, confidential);
        if ("DEVICE".equals(kind)) {
            redirect.addFlashAttribute("message", "A lost or stolen district device is reported from its page under"
                    + " My devices: technology services handles it there.");
            return "redirect:/my-devices";
        }
        LocalDate on = null;
        if (!happenedOn.isBlank()) {
            try {
                on = LocalDate.parse(happenedOn.strip());
            } catch (DateTimeParseException e) {
                return refused(model, response, entered, "Not sent: the day it happened is a date like 2026-12-01,"
                        + " not '" + happenedOn.strip() + "'. Nothing was kept.");
            }
        }
        List<Reports.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new Reports.Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                return refused(model, response, entered, "Not sent: a file could not be read; attach it again.");
            }
        }
        Report sent;
        try {
            sent = reports.send(me, new Report.Sent(Report.Kind.named(kind).orElse(null), what, place, on, happenedAt,
                    confidential), uploads);
        } catch (Reports.Refused refused) {
            return refused(model, response, entered, refused.getMessage());
        }
        if (kiosks.isKiosk(request)) {
            return "redirect:/kiosk/reported"; // signed out there: the next person at the kiosk sees nothing of it
        }
        redirect.addFlashAttribute("received", true);
        return "redirect:/my/reports/" + sent.id();
    }

    @GetMapping("/my/reports")
    String mine(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("reports", reports.mine(me));
        return "investigations/reports/mine";
    }

    @GetMapping("/my/reports/{id}")
    String receipt(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Report report = reports.mine(me, id);
        model.addAttribute("report", report);
        model.addAttribute("attachments", reports.attachments(report.id()));
        return "investigations/reports/receipt";
    }

    @GetMapping("/investigations/reports")
    String list(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "RECEIVED") String status,
                ListParams list, Model model) {
        Report.Status shown = status.isEmpty() ? null : java.util.Arrays.stream(Report.Status.values())
                .filter(s -> s.name().equals(status)).findFirst().orElseThrow(() -> new Reports.Refused(
                        "Reports are received, being looked into or closed; there are none '" + status + "'."));
        model.addAttribute("reports", reports.page(me, shown, Reports.COLUMNS.paging(list, PAGE)
                .at("/investigations/reports").keeping("status", status)));
        model.addAttribute("status", status);
        model.addAttribute("statuses", Report.Status.values());
        return "investigations/reports/list";
    }

    @GetMapping("/investigations/reports/{id}")
    String page(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        return show(me, reports.read(me, id), model);
    }

    @PostMapping("/investigations/reports/{id}/attachments/{position}")
    Object download(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int position,
                    @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        Reports.Download file;
        try {
            file = reports.download(me, id, position, reason);
        } catch (Reports.Refused refused) {
            return problem(me, id, model, response, refused.getMessage());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(file.type()))
                .body(file.bytes());
    }

    @PostMapping("/investigations/reports/{id}/case")
    String openCase(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model,
                    HttpServletResponse response) {
        try {
            return "redirect:/investigations/cases/" + reports.openCase(me, id).id();
        } catch (Reports.Refused | Cases.Refused refused) {
            return problem(me, id, model, response, refused.getMessage());
        }
    }

    @PostMapping("/investigations/reports/{id}/add")
    String addToCase(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                     @RequestParam(defaultValue = "") String number, Model model, HttpServletResponse response) {
        int caseNumber;
        try {
            caseNumber = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            return problem(me, id, model, response, "Give the number of the open case to add the report to"
                    + (number.isBlank() ? "." : ", not '" + number.strip() + "'."));
        }
        try {
            return "redirect:/investigations/cases/" + reports.addToCase(me, id, caseNumber).id();
        } catch (Reports.Refused | Cases.Refused refused) {
            return problem(me, id, model, response, refused.getMessage());
        }
    }

    @PostMapping("/investigations/reports/{id}/close")
    String close(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                 @RequestParam(defaultValue = "") String note, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        try {
            reports.closeWithoutCase(me, id, note);
        } catch (Reports.Refused refused) {
            return problem(me, id, model, response, refused.getMessage());
        }
        redirect.addFlashAttribute("done", "Closed without a case; the reporter was told it is closed.");
        return "redirect:/investigations/reports/" + id;
    }

    /** The form as the person filled it in, so nothing they wrote is lost to a refusal. */
    record Form(String kind, String what, String place, String happenedOn, String happenedAt, boolean confidential) {
    }

    private String form(Model model, Form entered) {
        model.addAttribute("kinds", Report.Kind.values());
        model.addAttribute("entered", entered);
        return "investigations/reports/form";
    }

    private String refused(Model model, HttpServletResponse response, Form entered, String problem) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", problem);
        return form(model, entered);
    }

    private String problem(StewardUser me, long id, Model model, HttpServletResponse response, String problem) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", problem);
        return show(me, reports.of(me, id), model);
    }

    private String show(StewardUser me, Report report, Model model) {
        model.addAttribute("report", report);
        model.addAttribute("attachments", reports.attachments(report.id()));
        return "investigations/reports/report";
    }
}
