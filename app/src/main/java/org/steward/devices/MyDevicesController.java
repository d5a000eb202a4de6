package org.steward.devices;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.districts.DistrictTime;
import org.steward.accounts.StewardUser;

/** An employee's own devices: what they possess, and hand-overs waiting for their signature. */
@Controller
class MyDevicesController {

    private final DeviceSettings deviceSettings;
    private final Handovers handovers;
    private final DistrictTime time;
    private final Custody custody;
    private final Inventory inventory;
    private final Incidents incidents;
    private final TakeHome takeHome;

    MyDevicesController(Custody custody, Inventory inventory, Incidents incidents, TakeHome takeHome,
                        DistrictTime time, Handovers handovers, DeviceSettings deviceSettings) {
        this.deviceSettings = deviceSettings;
        this.handovers = handovers;
        this.time = time;
        this.custody = custody;
        this.inventory = inventory;
        this.incidents = incidents;
        this.takeHome = takeHome;
    }

    @GetMapping("/my-devices/{deviceId}/report")
    String reportForm(@AuthenticationPrincipal StewardUser me, @PathVariable long deviceId, Model model) {
        model.addAttribute("device", held(me, deviceId));
        model.addAttribute("today", time.today(me.districtId()));
        return "devices/report";
    }

    @PostMapping("/my-devices/{deviceId}/report")
    String report(@AuthenticationPrincipal StewardUser me, @PathVariable long deviceId,
                  @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String whatHappened,
                  @RequestParam(required = false) java.time.LocalDate happenedOn,
                  @RequestParam(defaultValue = "") String place,
                  @RequestParam(defaultValue = "") String policeReportNumber,
                  @RequestParam(name = "policeReport", required = false)
                  org.springframework.web.multipart.MultipartFile policeReport, Model model,
                  RedirectAttributes redirect) throws java.io.IOException {
        Device device = held(me, deviceId);
        try {
            Incidents.Incident incident = incidents.report(me.districtId(), deviceId, me.staffId(),
                    new Incidents.Report(kind.isEmpty() ? null : Incidents.Kind.valueOf(kind), whatHappened,
                            happenedOn, place, policeReportNumber,
                            policeReport == null || policeReport.isEmpty() ? null : policeReport.getBytes(),
                            policeReport == null ? null : policeReport.getOriginalFilename(),
                            policeReport == null ? null : policeReport.getContentType()));
            redirect.addFlashAttribute("message", "Reported (number " + incident.id() + "). Technology services "
                    + "will assess it; you will be told by e-mail.");
            return "redirect:/my-devices";
        } catch (Custody.Refused refused) {
            model.addAttribute("device", device);
            model.addAttribute("today", time.today(me.districtId()));
            model.addAttribute("problem", refused.getMessage());
            model.addAttribute("kind", kind);
            model.addAttribute("whatHappened", whatHappened);
            model.addAttribute("happenedOn", happenedOn);
            model.addAttribute("place", place);
            model.addAttribute("policeReportNumber", policeReportNumber);
            return "devices/report";
        }
    }

    private Device held(StewardUser me, long deviceId) {
        if (me.staffId() == null) {
            throw DeviceController.notFound();
        }
        return custody.heldBy(me.districtId(), me.staffId()).stream().filter(d -> d.id() == deviceId).findFirst()
                .orElseThrow(DeviceController::notFound);
    }

    @GetMapping("/my-devices")
    String mine(@AuthenticationPrincipal StewardUser me, Model model) {
        fill(me, model);
        return "devices/mine";
    }

    @PostMapping("/my-devices/handovers/{id}")
    String sign(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                @RequestParam(name = "statement", required = false) List<Integer> ticked,
                @RequestParam(defaultValue = "") String typedName, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        if (me.staffId() == null) {
            throw DeviceController.notFound();
        }
        try {
            handovers.sign(me.districtId(), id, me.staffId(), ticked == null ? Set.of() : Set.copyOf(ticked),
                    typedName, request.getRemoteAddr(),
                    Optional.ofNullable(request.getHeader("User-Agent")).orElse(""));
            redirect.addFlashAttribute("message", "Signed: you are now the authorized possessor of these devices.");
            return "redirect:/my-devices";
        } catch (Custody.Refused refused) {
            fill(me, model);
            model.addAttribute("problem", refused.getMessage());
            model.addAttribute("problemHandover", id);
            model.addAttribute("ticked", ticked == null ? Set.of() : Set.copyOf(ticked));
            model.addAttribute("typedName", typedName);
            return "devices/mine";
        }
    }

    private void fill(StewardUser me, Model model) {
        model.addAttribute("linked", me.staffId() != null);
        if (me.staffId() == null) {
            model.addAttribute("held", List.of());
            model.addAttribute("waiting", List.of());
            model.addAttribute("awaitingAcknowledgment", List.of());
            model.addAttribute("incidents", List.of());
            model.addAttribute("takeHome", List.of());
        } else {
            model.addAttribute("held", custody.heldBy(me.districtId(), me.staffId()));
            model.addAttribute("incidents", incidents.of(me.districtId(), me.staffId()));
            model.addAttribute("takeHome", takeHome.of(me.districtId(), me.staffId()));
            List<Waiting> pending = handovers.of(me.districtId(), me.staffId()).stream()
                    .filter(h -> h.awaitingSignature() || h.awaitingAcknowledgment())
                    .map(h -> new Waiting(h, h.deviceIds().stream()
                            .map(d -> inventory.find(me.districtId(), d).orElseThrow()).toList()))
                    .toList();
            model.addAttribute("waiting", pending.stream().filter(w -> w.handover().awaitingSignature()).toList());
            model.addAttribute("awaitingAcknowledgment", pending.stream()
                    .filter(w -> w.handover().awaitingAcknowledgment()).toList());
        }
        model.addAttribute("statements", deviceSettings.of(me.districtId()).statements());
        if (!model.containsAttribute("ticked")) {
            model.addAttribute("ticked", Set.of());
            model.addAttribute("typedName", "");
            model.addAttribute("problemHandover", -1L);
        }
    }

    /** A hand-over waiting for the employee, with its devices. */
    record Waiting(Handovers.Handover handover, List<Device> devices) {
    }
}
