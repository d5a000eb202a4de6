package org.steward.policies;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpStatus;
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

/** The policy pages: list, reading view with permalinks, history, diff, and the editor's actions. */
@Controller
class PolicyController {

    private final PolicyLibrary library;

    PolicyController(PolicyLibrary library) {
        this.library = library;
    }

    @GetMapping("/policies")
    String list(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("policies", library.all(me.districtId()));
        return "policies/list";
    }

    @GetMapping("/policies/import")
    String importForm() {
        return "policies/import";
    }

    @PostMapping("/policies/import")
    String importText(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String title,
                      @RequestParam(required = false) MultipartFile file,
                      @RequestParam(defaultValue = "") String text, Model model) throws IOException {
        String body = text;
        if (file != null && !file.isEmpty()) {
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase();
            if (!name.endsWith(".txt") && !name.endsWith(".md")) {
                model.addAttribute("problem", "Upload the policy as plain text (.txt); "
                        + "save a Word or PDF document as text first.");
                return "policies/import";
            }
            body = textOf(file.getBytes());
            if (body == null) {
                model.addAttribute("problem", file.getOriginalFilename() + " is not plain text in UTF-8 (it holds "
                        + "bytes text does not): save the policy as plain text, UTF-8, and choose it again.");
                return "policies/import";
            }
        }
        if (body.isBlank()) {
            model.addAttribute("problem", "Paste the policy's text or choose a .txt file.");
            return "policies/import";
        }
        Policy policy = library.importText(me.districtId(), title, body);
        return "redirect:/policies/" + policy.id() + "/versions/1";
    }

    /** The bytes as UTF-8 text, or null when they are not: malformed, or holding a NUL. */
    static String textOf(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\u0000') >= 0 ? null : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    @PostMapping("/policies/adopt-model")
    String adoptModel(@AuthenticationPrincipal StewardUser me) {
        Policy policy = library.adoptModel(me.districtId());
        return "redirect:/policies/" + policy.id() + "/versions/1";
    }

    @PostMapping("/policies/{id}/adopt")
    String adopt(@AuthenticationPrincipal StewardUser me, @PathVariable long id, RedirectAttributes redirect) {
        summary(me, id);
        Policy adopted = library.adopt(me.districtId(), id);
        redirect.addFlashAttribute("message", adopted.title() + " is the district's policy: decisions from now on "
                + "cite its published versions.");
        return "redirect:/policies";
    }

    @GetMapping("/policies/{id}")
    String latest(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        PolicyLibrary.Summary summary = summary(me, id);
        PolicyVersion shown = summary.latestPublished().orElse(summary.versions().get(0));
        return "redirect:/policies/" + id + "/versions/" + shown.number();
    }

    @GetMapping("/policies/{id}/versions/{number}")
    String version(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number,
                   Model model) {
        PolicyLibrary.Summary summary = summary(me, id);
        PolicyVersion version = library.version(me.districtId(), id, number).orElseThrow(PolicyController::notFound);
        if (!version.isPublished() && !me.mayEditPolicies()) {
            throw notFound();
        }
        model.addAttribute("document", PolicyDocument.of(summary.policy(), version));
        model.addAttribute("versions", summary.versions());
        return "policies/document";
    }

    /** A published version printed whole, for a binder or a board packet; drafts are not printed. */
    @GetMapping("/policies/{id}/versions/{number}/pdf")
    org.springframework.http.ResponseEntity<byte[]> printed(@AuthenticationPrincipal StewardUser me,
                                                            @PathVariable long id, @PathVariable int number,
                                                            Model model) {
        PolicyLibrary.Summary summary = summary(me, id);
        PolicyVersion version = library.version(me.districtId(), id, number).filter(PolicyVersion::isPublished)
                .orElseThrow(PolicyController::notFound);
        java.time.ZoneId zone = (java.time.ZoneId) model.getAttribute("zone");
        byte[] pdf = PolicyPdf.of(PolicyDocument.of(summary.policy(), version),
                version.publishedAt().atZone(zone).toLocalDate());
        String name = version.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.inline()
                                .filename((name.isEmpty() ? "policy" : name) + "-version-" + number + ".pdf")
                                .build().toString())
                .header("X-Policy-SHA256", version.sha256())
                .body(pdf);
    }

    @GetMapping("/policies/{id}/versions")
    String history(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        PolicyLibrary.Summary summary = summary(me, id);
        model.addAttribute("policy", summary.policy());
        model.addAttribute("versions", visible(me, summary.versions()));
        return "policies/history";
    }

    @GetMapping("/policies/{id}/diff")
    String diff(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @RequestParam int from,
                @RequestParam int to, Model model) {
        PolicyLibrary.Summary summary = summary(me, id);
        List<Integer> allowed = visible(me, summary.versions()).stream().map(PolicyVersion::number).toList();
        if (!allowed.contains(from) || !allowed.contains(to)) {
            throw notFound();
        }
        model.addAttribute("policy", summary.policy());
        model.addAttribute("versions", visible(me, summary.versions()));
        model.addAttribute("diff", library.diff(me.districtId(), id, from, to));
        return "policies/diff";
    }

    @PostMapping("/policies/{id}/versions/{number}/publish")
    String publish(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number,
                   @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        summary(me, id);
        PolicyVersion published = library.publish(me.districtId(), id, number, note);
        redirect.addFlashAttribute("message", "Version " + number + " is published. Its SHA-256 is "
                + published.sha256() + ".");
        return "redirect:/policies/" + id + "/versions/" + number;
    }

    @PostMapping("/policies/{id}/drafts")
    String startDraft(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        summary(me, id);
        PolicyVersion draft = library.startDraft(me.districtId(), id);
        return "redirect:/policies/" + id + "/versions/" + draft.number();
    }

    @GetMapping("/policies/{id}/versions/{number}/clauses/{key}/edit")
    String editForm(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number,
                    @PathVariable String key, Model model) {
        PolicyLibrary.Summary summary = summary(me, id);
        PolicyVersion version = library.version(me.districtId(), id, number).orElseThrow(PolicyController::notFound);
        Clause clause = version.clauseList().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(PolicyController::notFound);
        model.addAttribute("policy", summary.policy());
        model.addAttribute("version", version);
        model.addAttribute("clause", clause);
        return "policies/edit-clause";
    }

    @PostMapping("/policies/{id}/versions/{number}/clauses/{key}")
    String edit(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @PathVariable int number,
                @PathVariable String key, @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "save") String action,
                @RequestParam(defaultValue = "") String newKey, @RequestParam(defaultValue = "") String newTitle,
                @RequestParam(defaultValue = "") String newText) {
        summary(me, id);
        switch (action) {
            case "remove" -> library.editClause(me.districtId(), id, number, key, "", "");
            case "add" -> library.addClause(me.districtId(), id, number, key, newKey, newTitle, newText);
            default -> library.editClause(me.districtId(), id, number, key, title, text);
        }
        String anchor = "add".equals(action) ? newKey : key;
        return "redirect:/policies/" + id + "/versions/" + number + "#" + anchor;
    }

    private PolicyLibrary.Summary summary(StewardUser me, long id) {
        return library.find(me.districtId(), id).orElseThrow(PolicyController::notFound);
    }

    private static List<PolicyVersion> visible(StewardUser me, List<PolicyVersion> versions) {
        return versions.stream().filter(v -> v.isPublished() || me.mayEditPolicies()).toList();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such policy or version in your district.");
    }
}
