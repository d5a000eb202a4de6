package org.steward.investigations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
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
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/**
 * A case's evidence: its list (the section the case page includes, and a page of its own), the forms that add each
 * kind, an item's page with its chain of custody, a download with its reason, and the case file. Every request asks
 * {@link CaseAccess} first: a case the person may not see is not found.
 */
@Controller
class EvidenceController {

    static final int PAGE = 25;

    private final CaseAccess access;
    private final EvidenceLocker evidence;
    private final CaseFiles caseFiles;
    private final CaseViews views;
    private final org.steward.audit.AuditLog audit;

    EvidenceController(CaseAccess access, EvidenceLocker evidence, CaseFiles caseFiles, CaseViews views,
                       org.steward.audit.AuditLog audit) {
        this.audit = audit;
        this.access = access;
        this.evidence = evidence;
        this.caseFiles = caseFiles;
        this.views = views;
    }

    @GetMapping("/investigations/cases/{id}/evidence")
    String page(@AuthenticationPrincipal StewardUser me, @PathVariable long id, ListParams list, Model model) {
        String shown = show(me, id, list, model);
        // as the case page is: who opened the list of a case's evidence, and when
        audit.record(me.districtId(), "CASE_EVIDENCE_VIEWED", "investigation_case", id,
                "evidence of case %d listed by %s".formatted(((CaseAccess.CaseHeader) model.getAttribute("theCase"))
                        .number(), me.getUsername()));
        return shown;
    }

    @GetMapping("/investigations/cases/{id}/evidence/{item}")
    String item(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable long item,
                @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("shown", evidence.view(me, id, item, reason));
        } catch (EvidenceRefused refused) {
            return refused(me, id, refused, model, response);
        }
        return show(me, id, null, model);
    }

    @PostMapping("/investigations/cases/{id}/evidence/finding")
    String addFinding(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                      @RequestParam(required = false) Long finding, Model model, HttpServletResponse response,
                      RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> {
            if (finding == null) {
                throw EvidenceRefused.because("Give the number of the finding to add.");
            }
            return evidence.addFinding(me, id, finding);
        });
    }

    @PostMapping("/investigations/cases/{id}/evidence/usage")
    String addUsage(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response,
                    RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> evidence.addUsage(me, id, from, to, reason));
    }

    @PostMapping("/investigations/cases/{id}/evidence/device")
    String addDevice(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                     @RequestParam(defaultValue = "") String assetTag, Model model, HttpServletResponse response,
                     RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> evidence.addDevice(me, id, assetTag));
    }

    @PostMapping("/investigations/cases/{id}/evidence/approval")
    String addApproval(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                       @RequestParam(required = false) Long request, Model model, HttpServletResponse response,
                       RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> {
            if (request == null) {
                throw EvidenceRefused.because("Give the number of the approval request to add.");
            }
            return evidence.addApproval(me, id, request);
        });
    }

    @PostMapping("/investigations/cases/{id}/evidence/acknowledgment")
    String addAcknowledgment(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                             @RequestParam(required = false) Long signature, Model model,
                             HttpServletResponse response, RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> {
            if (signature == null) {
                throw EvidenceRefused.because("Give the number of the signed acknowledgment to add.");
            }
            return evidence.addAcknowledgment(me, id, signature);
        });
    }

    @PostMapping("/investigations/cases/{id}/evidence/file")
    String addFile(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                   @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        return adding(me, id, model, response, redirect, () -> {
            if (file == null || file.isEmpty()) {
                throw EvidenceRefused.because("Choose a file to upload.");
            }
            try {
                return evidence.addFile(me, id, file.getOriginalFilename(), file.getBytes());
            } catch (IOException e) {
                throw EvidenceRefused.because("The file could not be read; upload it again.");
            }
        });
    }

    @PostMapping("/investigations/cases/{id}/evidence/{item}/download")
    Object download(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable long item,
                    @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        EvidenceLocker.Download file;
        try {
            file = evidence.download(me, id, item, reason);
        } catch (EvidenceRefused refused) {
            return refused(me, id, refused, model, response);
        }
        return attachment(file.fileName(), file.type(), file.bytes());
    }

    @PostMapping("/investigations/cases/{id}/file.pdf")
    Object caseFile(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                    @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        byte[] pdf;
        try {
            pdf = caseFiles.export(me, id, reason, contents -> views.completed(me, id, contents));
        } catch (EvidenceRefused refused) {
            return refused(me, id, refused, model, response);
        }
        return attachment("case-" + access.check(me, id).number() + ".pdf", MediaType.APPLICATION_PDF_VALUE, pdf);
    }

    private String adding(StewardUser me, long id, Model model, HttpServletResponse response,
                          RedirectAttributes redirect, Supplier<EvidenceItem> add) {
        EvidenceItem added;
        try {
            added = add.get();
        } catch (EvidenceRefused refused) {
            return refused(me, id, refused, model, response);
        }
        redirect.addFlashAttribute("added", "Added item " + added.id() + ": " + added.description()
                + ". SHA-256 " + added.sha256() + ".");
        return "redirect:/investigations/cases/" + id + "/evidence";
    }

    /** The evidence page again with the reason nothing was done: 404 for another district's record, else 400. */
    private String refused(StewardUser me, long id, EvidenceRefused refused, Model model,
                           HttpServletResponse response) {
        response.setStatus(refused.notFound() ? HttpStatus.NOT_FOUND.value() : HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", refused.getMessage());
        return show(me, id, null, model);
    }

    private String show(StewardUser me, long id, ListParams list, Model model) {
        CaseAccess.CaseHeader header = access.check(me, id);
        Paging paging = EvidenceLocker.COLUMNS.paging(list == null ? new ListParams(null, null, null, null) : list,
                PAGE).at("/investigations/cases/" + id + "/evidence");
        model.addAttribute("theCase", header);
        model.addAttribute("evidence", evidence.page(me, id, paging));
        return "investigations/cases/evidence";
    }

    private static ResponseEntity<byte[]> attachment(String name, String type, byte[] bytes) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(type))
                .body(bytes);
    }
}
