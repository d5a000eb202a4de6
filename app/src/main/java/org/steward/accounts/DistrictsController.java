package org.steward.accounts;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.districts.Sites;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A county administrator's districts: the list and the switch between them, a new district with its sites, the
 * invitation of its first administrator, and its suspension and reopening.
 */
@Controller
class DistrictsController {

    /** The time zones offered first: California's, then the other United States zones. */
    static final List<String> ZONES = List.of("America/Los_Angeles", "America/Denver", "America/Phoenix",
            "America/Chicago", "America/New_York", "America/Anchorage", "Pacific/Honolulu");

    private final Districts districts;
    private final Sites sites;
    private final CurrentDistrict currentDistrict;
    private final DistrictAdministration administration;

    DistrictsController(Districts districts, Sites sites, CurrentDistrict currentDistrict,
                        DistrictAdministration administration) {
        this.districts = districts;
        this.sites = sites;
        this.currentDistrict = currentDistrict;
        this.administration = administration;
    }

    @GetMapping("/districts")
    String list(Model model) {
        model.addAttribute("districts", districts.findAllByOrderByName());
        return "districts/list";
    }

    @GetMapping("/districts/new")
    String form(Model model) {
        model.addAttribute("zones", ZONES);
        model.addAttribute("timeZone", District.DEFAULT_ZONE.getId());
        return "districts/new";
    }

    @PostMapping("/districts")
    String create(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String slug, @RequestParam(defaultValue = "") String timeZone,
                  @RequestParam(defaultValue = "") String sites, Model model, RedirectAttributes redirect) {
        try {
            District district = administration.create(me, name, slug, timeZone, sites);
            redirect.addFlashAttribute("message", district.name() + " is made. Invite its first administrator.");
            return "redirect:/districts/" + district.slug();
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("name", name);
            model.addAttribute("slug", slug);
            model.addAttribute("timeZone", timeZone);
            model.addAttribute("sites", sites);
            model.addAttribute("zones", ZONES);
            return "districts/new";
        }
    }

    @GetMapping("/districts/{slug}")
    String show(@PathVariable String slug, Model model) {
        District district = administration.district(slug);
        model.addAttribute("district", district);
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(district.id()));
        model.addAttribute("invited", administration.invitedAdministrators(district.id()));
        return "districts/show";
    }

    @PostMapping("/districts/{slug}/administrator")
    String invite(@AuthenticationPrincipal StewardUser me, @PathVariable String slug,
                  @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
                  RedirectAttributes redirect) {
        try {
            administration.inviteAdministrator(me, slug, displayName, email);
            redirect.addFlashAttribute("message", "The invitation is on its way to " + email.strip()
                    + ". The link works once, for seven days.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was sent.");
            redirect.addFlashAttribute("displayName", displayName);
            redirect.addFlashAttribute("email", email);
        }
        return "redirect:/districts/" + administration.district(slug).slug();
    }

    @PostMapping("/districts/{slug}/suspend")
    String suspend(@AuthenticationPrincipal StewardUser me, @PathVariable String slug,
                   @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            District d = administration.suspend(me, slug, reason);
            redirect.addFlashAttribute("message", d.name() + " is suspended: nobody of it can sign in.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was changed.");
        }
        return "redirect:/districts/" + administration.district(slug).slug();
    }

    @PostMapping("/districts/{slug}/reopen")
    String reopen(@AuthenticationPrincipal StewardUser me, @PathVariable String slug,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            District d = administration.reopen(me, slug, reason);
            redirect.addFlashAttribute("message", d.name() + " is reopened: its people can sign in again.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was changed.");
        }
        return "redirect:/districts/" + administration.district(slug).slug();
    }

    @PostMapping("/districts/{slug}/act")
    String actIn(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) {
        District district = administration.district(slug);
        currentDistrict.actIn(district.id(), request, response);
        return "redirect:/";
    }
}
