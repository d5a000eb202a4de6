package org.steward.devices;

import java.time.LocalDate;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.accounts.StewardUser;
import org.steward.districts.Sites;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/**
 * The duties around devices that others than technology services do: the content-access log (technology,
 * investigators), take-home requests and their approval by the supervisor, and site audits by the site's staff.
 */
@Controller
class DeviceDutiesController {

    private final ContentAccess access;
    private final TakeHome takeHome;
    private final DeviceAudits audits;
    private final Sites sites;
    private final org.steward.staff.StaffDirectory staff;

    DeviceDutiesController(ContentAccess access, TakeHome takeHome, DeviceAudits audits, Sites sites,
                           org.steward.staff.StaffDirectory staff) {
        this.access = access;
        this.takeHome = takeHome;
        this.audits = audits;
        this.sites = sites;
        this.staff = staff;
    }

    /** An audit is for the staff of its site, and for those who read the inventory. */
    private DeviceAudits.Audit auditFor(StewardUser me, long id) {
        DeviceAudits.Audit audit = audits.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        boolean atSite = me.staffId() != null && staff.find(me.districtId(), me.staffId())
                .map(m -> m.siteId() != null && m.siteId() == audit.siteId()).orElse(false);
        if (!atSite && !me.mayReadDevices()) {
            throw DeviceController.notFound();
        }
        return audit;
    }

    @PostMapping("/devices/{id}/access")
    String recordAccess(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                        @RequestParam(defaultValue = "") String basis, @RequestParam(defaultValue = "") String reference,
                        @RequestParam(defaultValue = "") String why, RedirectAttributes redirect) {
        try {
            access.record(me.districtId(), id, basis.isEmpty() ? null : ContentAccess.Basis.valueOf(basis), reference,
                    why, me.getUsername());
            redirect.addFlashAttribute("message", "The access is recorded.");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/devices/" + id;
    }

    @PostMapping("/my-devices/{deviceId}/take-home")
    String requestTakeHome(@AuthenticationPrincipal StewardUser me, @PathVariable long deviceId,
                           @RequestParam(defaultValue = "") String reason,
                           @RequestParam(required = false) LocalDate until, RedirectAttributes redirect) {
        try {
            takeHome.request(me.districtId(), deviceId, me, reason, until);
            redirect.addFlashAttribute("message", "Asked: your supervisor decides (Approvals).");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/my-devices";
    }

    /** Devices taken home without a current permission, for those who keep the inventory. */
    @GetMapping("/devices/off-site")
    String offSite(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                   ListParams list, Model model) {
        Paging paging = TakeHome.COLUMNS.paging(list, DeviceController.PAGE).at("/devices/off-site").keeping("q", q);
        model.addAttribute("devices", takeHome.page(me.districtId(), q, paging));
        model.addAttribute("q", q);
        return "devices/off-site";
    }

    @GetMapping("/devices/audits")
    String auditList(@AuthenticationPrincipal StewardUser me, @RequestParam(required = false) Long site,
                     @RequestParam(required = false) Boolean open, ListParams list, Model model) {
        Paging paging = DeviceAudits.COLUMNS.paging(list, DeviceController.PAGE).at("/devices/audits")
                .keeping("site", site).keeping("open", open);
        model.addAttribute("audits", audits.page(me.districtId(), new DeviceAudits.Filter(site, open), paging));
        model.addAttribute("site", site);
        model.addAttribute("open", open);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        return "devices/audits";
    }

    @PostMapping("/devices/audits")
    String openAudit(@AuthenticationPrincipal StewardUser me, @RequestParam long siteId) {
        return "redirect:/device-audits/" + audits.open(me.districtId(), siteId, me.getUsername()).id();
    }

    /** The audit page staff at the site use to confirm what is present. */
    @GetMapping("/device-audits/{id}")
    String audit(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        model.addAttribute("audit", auditFor(me, id));
        model.addAttribute("missing", audits.missing(me.districtId(), id));
        return "devices/audit";
    }

    @PostMapping("/device-audits/{id}")
    String confirm(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                   @RequestParam(defaultValue = "") String assetTag, RedirectAttributes redirect) {
        auditFor(me, id);
        try {
            Device device = audits.confirm(me.districtId(), id, assetTag.strip(), me.getUsername());
            redirect.addFlashAttribute("message", device.assetTag() + " is here.");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/device-audits/" + id;
    }

    @PostMapping("/devices/audits/{id}/close")
    String closeAudit(@AuthenticationPrincipal StewardUser me, @PathVariable long id) {
        audits.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        audits.close(me.districtId(), id);
        return "redirect:/device-audits/" + id;
    }
}
