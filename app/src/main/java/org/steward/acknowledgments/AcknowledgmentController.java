package org.steward.acknowledgments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.policies.PolicyDocument;
import org.steward.policies.PolicyLibrary;

/** An employee's own acknowledgments: what to sign, the signing page, and the receipts. */
@Controller
class AcknowledgmentController {

    /** A campaign as an employee's list shows it. */
    record Item(Assignment assignment, Campaign campaign, PolicyLibrary.VersionName version) {
    }

    private final Campaigns campaigns;
    private final Signing signing;
    private final SignaturePage signaturePage;
    private final PolicyLibrary policies;
    private final Kiosks kiosks;
    private final AuditLog audit;

    AcknowledgmentController(Campaigns campaigns, Signing signing, SignaturePage signaturePage,
                             PolicyLibrary policies, Kiosks kiosks, AuditLog audit) {
        this.campaigns = campaigns;
        this.signing = signing;
        this.signaturePage = signaturePage;
        this.policies = policies;
        this.kiosks = kiosks;
        this.audit = audit;
    }

    @GetMapping("/acknowledgments")
    String mine(@AuthenticationPrincipal StewardUser me, Model model) {
        List<Item> items = new ArrayList<>();
        if (me.staffId() != null) {
            for (Assignment a : campaigns.assignmentsOf(me.districtId(), me.staffId())) {
                Campaign c = campaigns.find(me.districtId(), a.campaignId()).orElseThrow();
                items.add(new Item(a, c, policies.publishedName(me.districtId(), c.policyVersionId())
                        .orElseThrow()));
            }
        }
        model.addAttribute("items", items);
        model.addAttribute("today", campaigns.today(me.districtId()));
        model.addAttribute("linked", me.staffId() != null);
        return "acknowledgments/mine";
    }

    @GetMapping("/acknowledgments/{campaignId}")
    String signingPage(@AuthenticationPrincipal StewardUser me, @PathVariable long campaignId, Model model) {
        fill(me, campaignId, model);
        return "acknowledgments/sign";
    }

    @PostMapping("/acknowledgments/{campaignId}")
    String sign(@AuthenticationPrincipal StewardUser me, @PathVariable long campaignId,
                @RequestParam(name = "statement", required = false) List<Long> ticked,
                @RequestParam(defaultValue = "") String typedName, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        if (me.staffId() == null) {
            throw notFound();
        }
        Long kiosk = kiosks.current(request, me.districtId()).orElse(null);
        try {
            Signature signature = signing.sign(me.districtId(), campaignId, me.staffId(),
                    new Signing.Submission(ticked == null ? Set.of() : Set.copyOf(ticked), typedName,
                            request.getRemoteAddr(), Optional.ofNullable(request.getHeader("User-Agent")).orElse(""),
                            kiosk));
            if (kiosk != null) {
                return "redirect:/kiosk/done";
            }
            redirect.addFlashAttribute("message", "Signed. Your receipt is below; HR keeps the same record.");
            redirect.addFlashAttribute("signedId", signature.id());
            return "redirect:/acknowledgments";
        } catch (Signing.Refused refused) {
            // the page again, as it was, with what was refused: only then is the policy read and compared again
            fill(me, campaignId, model);
            model.addAttribute("problem", refused.getMessage());
            model.addAttribute("ticked", ticked == null ? Set.of() : Set.copyOf(ticked));
            model.addAttribute("typedName", typedName);
            return "acknowledgments/sign";
        }
    }

    /** The stored receipt: for the employee themselves, and for HR, records and administrators. */
    @GetMapping("/acknowledgments/receipts/{signatureId}")
    ResponseEntity<byte[]> receipt(@AuthenticationPrincipal StewardUser me, @PathVariable long signatureId) {
        Signature signature = signing.find(me.districtId(), signatureId)
                .orElseThrow(AcknowledgmentController::noSuchReceipt);
        boolean own = me.staffId() != null && me.staffId() == signature.staffId();
        if (!own && !me.mayReadAcknowledgments()) {
            throw noSuchReceipt();
        }
        if (!own) {
            audit.record(me.districtId(), "ACK_RECEIPT_READ", "ack_signature", signatureId, "");
        }
        byte[] pdf = signing.receipt(me.districtId(), signatureId).orElseThrow();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("acknowledgment-" + signature.schoolYear() + "-" + signatureId + ".pdf").build()
                        .toString())
                .header("X-Content-SHA256", signature.receiptSha256())
                .body(pdf);
    }

    /** The signing page's values: the version's full text, what changed since the one last signed, statements. */
    private void fill(StewardUser me, long campaignId, Model model) {
        if (me.staffId() == null) {
            throw notFound();
        }
        Campaign campaign = campaigns.find(me.districtId(), campaignId).orElseThrow(AcknowledgmentController::notFound);
        Assignment assignment = campaigns.assignment(me.districtId(), campaignId, me.staffId())
                .orElseThrow(AcknowledgmentController::notFound);
        PolicyDocument document = policies.publishedDocument(me.districtId(), campaign.policyVersionId())
                .orElseThrow();
        model.addAttribute("campaign", campaign);
        model.addAttribute("assignment", assignment);
        model.addAttribute("document", document);
        model.addAttribute("statements", signaturePage.statements(me.districtId()));
        model.addAttribute("today", campaigns.today(me.districtId()));
        model.addAttribute("kiosk", false);
        if (assignment.isSigned()) {
            model.addAttribute("signature", signing.find(me.districtId(), assignment.signatureId()).orElseThrow());
        }
        previouslySigned(me, document).ifPresent(previous -> {
            model.addAttribute("previous", previous);
            model.addAttribute("diff", policies.diff(me.districtId(), document.policy().id(),
                    previous.policyVersion(), document.version().number()));
        });
        if (!model.containsAttribute("ticked")) {
            model.addAttribute("ticked", Set.of());
            model.addAttribute("typedName", "");
        }
    }

    /** The newest signature of an older version of the same policy, if the employee has one. */
    private Optional<Signature> previouslySigned(StewardUser me, PolicyDocument document) {
        Map<Long, Boolean> samePolicy = new HashMap<>();
        return signing.signedBy(me.districtId(), me.staffId()).stream()
                .filter(s -> s.policyVersion() < document.version().number())
                .filter(s -> samePolicy.computeIfAbsent(s.policyVersionId(), id -> policies
                        .publishedDocument(me.districtId(), id)
                        .map(d -> d.policy().id().equals(document.policy().id())).orElse(false)))
                .findFirst();
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static ResponseStatusException noSuchReceipt() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such receipt for you: your own "
                + "acknowledgments' receipts are on your acknowledgments page.");
    }
}
