package org.steward.staff;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.districts.DistrictTime;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.districts.Sites;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/** The staff directory, profiles, separation and the roster import. */
@Controller
class StaffController {

    static final int PAGE = 50;

    private final DistrictTime time;
    private final StaffDirectory directory;
    private final Sites sites;
    private final AuditLog audit;
    private final List<ProfileSection> sections;

    StaffController(StaffDirectory directory, Sites sites, AuditLog audit,
                    List<ProfileSection> sections, DistrictTime time) {
        this.time = time;
        this.directory = directory;
        this.sites = sites;
        this.audit = audit;
        this.sections = sections;
    }

    @GetMapping("/staff")
    String directory(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                     @RequestParam(required = false) Long site, @RequestParam(defaultValue = "") String job,
                     ListParams list, @RequestHeader(name = "HX-Request", required = false) String htmx,
                     Model model) {
        // a supervisor sees their own staff, whom they supervise; the roles that keep or read records see everyone
        Long reportsOf = onlySupervisor(me) ? (me.staffId() == null ? -1L : me.staffId()) : null;
        Paging paging = StaffDirectory.COLUMNS.paging(list, PAGE).at("/staff")
                .keeping("q", q).keeping("site", site).keeping("job", job);
        model.addAttribute("people", directory.page(me.districtId(),
                new StaffDirectory.Filter(q, site, job, reportsOf), paging));
        model.addAttribute("ownStaffOnly", reportsOf != null);
        model.addAttribute("q", q);
        model.addAttribute("site", site);
        model.addAttribute("job", job);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        model.addAttribute("jobs", directory.jobFunctions(me.districtId()));
        model.addAttribute("total", reportsOf == null ? directory.count(me.districtId())
                : directory.countReportsOf(me.districtId(), reportsOf));
        return htmx != null ? "staff/directory :: results" : "staff/directory";
    }

    @GetMapping("/staff/{id}")
    String profile(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        StaffScope scope = StaffScope.of(me);
        // a supervisor is told the same whoever the id is (another's staff, another district's, nobody's)
        StaffMember member = directory.find(me.districtId(), id).filter(scope::includes)
                .orElseThrow(() -> scope.ownStaffOnly() ? notOnYourStaff() : notFound());
        audit.record(me.districtId(), "STAFF_PROFILE_VIEWED", "staff", id, "");
        model.addAttribute("member", member);
        model.addAttribute("site", member.siteId() == null ? null
                : sites.findByIdAndDistrictId(member.siteId(), me.districtId()).orElse(null));
        model.addAttribute("supervisor", member.supervisorId() == null ? null
                : directory.find(me.districtId(), member.supervisorId()).orElse(null));
        model.addAttribute("reports", directory.reportsOf(me.districtId(), id));
        model.addAttribute("today", time.today(me.districtId()));
        model.addAttribute("sections", sections.stream().flatMap(s -> s.view(me, member).stream()).toList());
        return "staff/profile";
    }

    private static boolean onlySupervisor(StewardUser me) {
        return StaffScope.of(me).ownStaffOnly();
    }

    @PostMapping("/staff/{id}/separate")
    String separate(@AuthenticationPrincipal StewardUser me, @PathVariable long id, @RequestParam LocalDate on,
                    @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        directory.find(me.districtId(), id).orElseThrow(StaffController::notFound);
        StaffMember separated = directory.separate(me.districtId(), id, on, reason);
        redirect.addFlashAttribute("message", separated.fullName() + " is separated as of " + on + ".");
        return "redirect:/staff/" + id;
    }

    @GetMapping("/staff/import")
    String importForm(Model model) {
        model.addAttribute("columns", String.join(",", RosterFiles.STEWARD_COLUMNS));
        return "staff/import";
    }

    @PostMapping("/staff/import")
    String importRoster(@AuthenticationPrincipal StewardUser me, @RequestParam("files") List<MultipartFile> files,
                        Model model) throws IOException {
        List<RosterUpload> uploads = new ArrayList<>();
        MessageDigest digest = DigestUtils.getSha256Digest();
        List<String> names = new ArrayList<>();
        for (MultipartFile file : files) {
            if (file.isEmpty()) {
                continue;
            }
            byte[] content = file.getBytes();
            digest.update(content);
            uploads.add(new RosterUpload(file.getOriginalFilename(), content));
            names.add(file.getOriginalFilename());
        }
        model.addAttribute("columns", String.join(",", RosterFiles.STEWARD_COLUMNS));
        if (uploads.isEmpty()) {
            model.addAttribute("report", ImportReport.refused("unknown", 0,
                    List.of(new ImportProblem("(no file)", 0, "choose a file to import"))));
            return "staff/import";
        }
        model.addAttribute("report", directory.importRoster(me.districtId(), uploads, String.join(", ", names),
                HexFormat.of().formatHex(digest.digest())));
        return "staff/import";
    }


    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such employee in your district.");
    }

    private static ResponseStatusException notOnYourStaff() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "This person is not on your staff: a supervisor "
                + "opens the profiles of the people they supervise, listed in the staff directory.");
    }
}
