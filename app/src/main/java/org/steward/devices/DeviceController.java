package org.steward.devices;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

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
import org.steward.policies.PolicyLibrary;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;
import org.steward.districts.Sites;
import org.steward.staff.PersonSearch;
import org.steward.staff.StaffDirectory;

/** Technology services' pages: the inventory, a device with its custody, import, hand-over, return, confiscation. */
@Controller
class DeviceController {

    static final int PAGE = 100;

    private final PolicyLibrary policies;
    private final DeviceSettings deviceSettings;
    private final Handovers handovers;
    private final Inventory inventory;
    private final Custody custody;
    private final Incidents incidents;
    private final Returns returns;
    private final ContentAccess access;
    private final Sites sites;
    private final StaffDirectory staff;
    private final PersonSearch people;

    DeviceController(Inventory inventory, Custody custody, Incidents incidents, Returns returns,
                     ContentAccess access, Sites sites, StaffDirectory staff, PersonSearch people,
                     Handovers handovers,
                     DeviceSettings deviceSettings, PolicyLibrary policies) {
        this.policies = policies;
        this.deviceSettings = deviceSettings;
        this.handovers = handovers;
        this.access = access;
        this.inventory = inventory;
        this.custody = custody;
        this.incidents = incidents;
        this.returns = returns;
        this.sites = sites;
        this.staff = staff;
        this.people = people;
    }

    @GetMapping("/devices/settings")
    String settings(@AuthenticationPrincipal StewardUser me, Model model) {
        DeviceSettings.Settings settings = deviceSettings.of(me.districtId());
        model.addAttribute("settings", settings);
        model.addAttribute("statementsText", String.join("\n\n", settings.statements()));
        return "devices/settings";
    }

    @PostMapping("/devices/settings")
    String saveSettings(@AuthenticationPrincipal StewardUser me, @RequestParam String statements,
                        @RequestParam(defaultValue = "false") boolean requireAcknowledgment,
                        @RequestParam int returnDays, @RequestParam int patchDays,
                        @RequestParam(defaultValue = "") String possessionClause, RedirectAttributes redirect) {
        try {
            deviceSettings.save(me.districtId(), new DeviceSettings.Settings(
                    Arrays.asList(statements.split("\\r?\\n\\s*\\r?\\n")),
                    requireAcknowledgment, returnDays, patchDays, possessionClause));
            redirect.addFlashAttribute("message", "Saved. Hand-overs already signed keep the statements they were "
                    + "signed with.");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/devices/settings";
    }

    @GetMapping("/devices/handovers/{id}")
    String handover(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Handovers.Handover handover = handovers.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        model.addAttribute("handover", handover);
        model.addAttribute("cited", handover.citation() == null ? null
                : policies.cited(me.districtId(), handover.citation()).orElse(null));
        model.addAttribute("employee", staff.find(me.districtId(), handover.staffId()).orElseThrow());
        model.addAttribute("devices", handover.deviceIds().stream()
                .map(d -> inventory.find(me.districtId(), d).orElseThrow()).toList());
        return "devices/handover";
    }

    @GetMapping("/devices/returns-due")
    String returnsDue(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                      @RequestParam(defaultValue = "false") boolean overdue, ListParams list, Model model) {
        Paging paging = Returns.COLUMNS.paging(list, PAGE).at("/devices/returns-due").keeping("q", q)
                .keeping("overdue", overdue ? "true" : null);
        model.addAttribute("checklists", returns.page(me.districtId(), new Returns.Filter(q, overdue), paging));
        model.addAttribute("q", q);
        model.addAttribute("overdue", overdue);
        model.addAttribute("today", returns.today(me.districtId()));
        return "devices/returns-due";
    }

    @GetMapping("/devices/unsafe")
    String unsafe(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                  @RequestParam(required = false) Long site, ListParams list, Model model) {
        int patchDays = deviceSettings.of(me.districtId()).patchDays();
        Paging paging = Inventory.UNSAFE.paging(list, PAGE).at("/devices/unsafe").keeping("q", q)
                .keeping("site", site);
        model.addAttribute("devices", inventory.unsafePage(me.districtId(), patchDays,
                returns.today(me.districtId()), q, site, paging));
        model.addAttribute("patchDays", patchDays);
        model.addAttribute("q", q);
        model.addAttribute("site", site);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        return "devices/unsafe";
    }

    @GetMapping("/devices/incidents")
    String incidents(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String kind,
                     ListParams list, Model model) {
        Incidents.Kind k = kind.isEmpty() ? null : Incidents.Kind.valueOf(kind);
        model.addAttribute("incidents", incidents.page(me.districtId(), k,
                Incidents.COLUMNS.paging(list, PAGE).at("/devices/incidents").keeping("kind", kind)));
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", Incidents.Kind.values());
        return "devices/incidents";
    }

    @GetMapping("/devices/incidents/{id}")
    String incident(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        model.addAttribute("incident", incidents.find(me.districtId(), id).orElseThrow(DeviceController::notFound));
        return "devices/incident";
    }

    @GetMapping("/devices/incidents/{id}/police-report")
    org.springframework.http.ResponseEntity<byte[]> policeReport(@AuthenticationPrincipal StewardUser me,
                                                                 @PathVariable long id) {
        Object[] file = incidents.policeReport(me.districtId(), id).orElseThrow(DeviceController::notFound);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType((String) file[2]))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename((String) file[1])
                                .build().toString())
                .body((byte[]) file[0]);
    }

    @PostMapping("/devices/incidents/{id}/decision")
    String decide(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(required = false) java.math.BigDecimal cost,
                  @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String note,
                  RedirectAttributes redirect) {
        incidents.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        try {
            incidents.decide(me.districtId(), id, cost, decision.isEmpty() ? null : Incidents.Decision.valueOf(decision),
                    note, me.getUsername());
            redirect.addFlashAttribute("message", "Decided; the employee is told by e-mail.");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/devices/incidents/" + id;
    }

    @GetMapping("/devices")
    String list(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String q,
                @RequestParam(required = false) Long site, @RequestParam(defaultValue = "") String type,
                @RequestParam(defaultValue = "") String status, ListParams list,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Device.Type t = type.isEmpty() ? null : Device.Type.valueOf(type);
        Device.Status s = status.isEmpty() ? null : Device.Status.valueOf(status);
        Paging paging = Inventory.COLUMNS.paging(list, PAGE).at("/devices")
                .keeping("q", q).keeping("site", site).keeping("type", type).keeping("status", status);
        model.addAttribute("devices", inventory.page(me.districtId(), new Inventory.Filter(q, site, t, s), paging));
        model.addAttribute("total", inventory.count(me.districtId()));
        model.addAttribute("q", q);
        model.addAttribute("site", site);
        model.addAttribute("type", type);
        model.addAttribute("status", status);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        model.addAttribute("types", Device.Type.values());
        model.addAttribute("statuses", Device.Status.values());
        return htmx != null ? "devices/list :: results" : "devices/list";
    }

    @GetMapping("/devices/{id}")
    String device(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        Device device = inventory.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        model.addAttribute("device", device);
        model.addAttribute("site", device.siteId() == null ? null
                : sites.findByIdAndDistrictId(device.siteId(), me.districtId()).orElse(null));
        model.addAttribute("history", custody.history(me.districtId(), id));
        model.addAttribute("holder", custody.holder(id).orElse(null));
        model.addAttribute("accesses", access.log(me.districtId(), id));
        model.addAttribute("bases", ContentAccess.Basis.values());
        return "devices/device";
    }

    @GetMapping("/devices/import")
    String importPage() {
        return "devices/import";
    }

    @PostMapping("/devices/import")
    String importFile(@AuthenticationPrincipal StewardUser me, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        DeviceImport report = inventory.importFile(me.districtId(), file.getOriginalFilename(), file.getBytes());
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        return "devices/import";
    }

    @GetMapping("/devices/handovers/new")
    String newHandover(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String tags,
                       @RequestParam(defaultValue = "") String person, @RequestParam(required = false) Long staffId,
                       Model model) {
        model.addAttribute("tags", tags);
        model.addAttribute("query", person);
        List<StaffDirectory.Listing> choices = new java.util.ArrayList<>(
                people.suggestions(me, person, true, PersonSearch.SUGGESTIONS));
        StaffDirectory.Listing chosen = staffId == null ? null : people.chosen(me, staffId, true).orElse(null);
        if (chosen != null && choices.stream().noneMatch(c -> c.id() == chosen.id())) {
            choices.add(0, chosen); // the one chosen before stays offered, chosen
        }
        model.addAttribute("choices", choices);
        model.addAttribute("chosen", chosen == null ? null : chosen.id());
        return "devices/handover-new";
    }

    @PostMapping("/devices/handovers")
    String prepare(@AuthenticationPrincipal StewardUser me, @RequestParam(required = false) Long staffId,
                   @RequestParam(defaultValue = "") String person, @RequestParam String tags,
                   @RequestParam(defaultValue = "false") boolean transfer, RedirectAttributes redirect) {
        StaffDirectory.Listing employee = employee(me, staffId, person);
        if (employee == null) {
            redirect.addFlashAttribute("problem", "Choose the employee: type part of their name, their employee id "
                    + "or e-mail address, then choose them from the people who match.");
            redirect.addAttribute("tags", tags).addAttribute("person", person);
            return "redirect:/devices/handovers/new";
        }
        try {
            Handovers.Handover handover = handovers.prepare(me.districtId(), employee.id(),
                    Arrays.asList(tags.split("[\\s,;]+")), transfer, me.getUsername());
            String name = employee.fullName();
            redirect.addFlashAttribute("message", handover.awaitingAcknowledgment()
                    ? "Prepared: " + handover.deviceIds().size() + " device(s) for " + name + ", who has not yet "
                    + "acknowledged the acceptable-use policy; once they do, the devices wait for their signature."
                    : "Ready: " + handover.deviceIds().size() + " device(s) wait for " + name
                    + "'s signature on their My devices page.");
            return "redirect:/devices";
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            redirect.addAttribute("tags", tags).addAttribute("person", person).addAttribute("staffId", employee.id());
            return "redirect:/devices/handovers/new";
        }
    }

    /** The active employee chosen from the picker's suggestions, or named exactly by the text typed; else null. */
    private StaffDirectory.Listing employee(StewardUser me, Long staffId, String person) {
        if (staffId != null) {
            return people.chosen(me, staffId, true).orElse(null);
        }
        return people.find(me, person, true) instanceof PersonSearch.Found.Person one ? one.person() : null;
    }

    @PostMapping("/devices/{id}/return")
    String recordReturn(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                        @RequestParam(defaultValue = "") String condition, @RequestParam(defaultValue = "") String notes,
                        RedirectAttributes redirect) {
        inventory.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        try {
            long returned = custody.recordReturn(me.districtId(), id, condition, notes, me.getUsername());
            return "redirect:/devices/returns/" + returned;
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
            return "redirect:/devices/" + id;
        }
    }

    @GetMapping("/devices/returns/{id}")
    String returnReceipt(@AuthenticationPrincipal StewardUser me, @PathVariable long id, Model model) {
        model.addAttribute("receipt", custody.returnReceipt(me.districtId(), id).orElseThrow(DeviceController::notFound));
        return "devices/return";
    }

    @PostMapping("/devices/{id}/confiscate")
    String confiscate(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                      @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        inventory.find(me.districtId(), id).orElseThrow(DeviceController::notFound);
        try {
            custody.confiscate(me.districtId(), id, reason, me.getUsername());
            redirect.addFlashAttribute("message", "Confiscated: the district is now the device's possessor.");
        } catch (Custody.Refused refused) {
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/devices/" + id;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
