package org.steward.accounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.steward.districts.Sites;

/** A district administrator's sites: add one, rename one (a site's code stays: imports and records name it). */
@Controller
class DistrictSitesController {

    private final Sites sites;
    private final DistrictAdministration administration;

    DistrictSitesController(Sites sites, DistrictAdministration administration) {
        this.sites = sites;
        this.administration = administration;
    }

    @GetMapping("/district/sites")
    String sites(@AuthenticationPrincipal StewardUser me, Model model) {
        model.addAttribute("sites", sites.findByDistrictIdOrderByName(me.districtId()));
        return "district/sites";
    }

    @PostMapping("/district/sites")
    String add(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String code,
               @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            administration.addSite(me, code, name);
            redirect.addFlashAttribute("message", name.strip() + " is added.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was changed.");
            redirect.addFlashAttribute("code", code);
            redirect.addFlashAttribute("name", name);
        }
        return "redirect:/district/sites";
    }

    @PostMapping("/district/sites/{id}")
    String rename(@AuthenticationPrincipal StewardUser me, @PathVariable long id,
                  @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            administration.renameSite(me, id, name);
            redirect.addFlashAttribute("message", "The site is now called " + name.strip() + ".");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage() + " Nothing was changed.");
        }
        return "redirect:/district/sites";
    }
}
