package org.steward.apps;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.lists.ListParams;
import org.steward.lists.Paging;

/**
 * The public District Approved App List, as the policies tell staff to consult it (Ceres I.F): a page and a JSON
 * feed, without sign-in, for every district (chosen by its slug in the path or {@code ?district=}; with one
 * district on the installation, that one). Only approved apps are on it. The page shows a page of them; the feed
 * has them all.
 */
@Controller
class ApprovedList {

    static final int PAGE = 50;

    /** One approved app as the feed gives it. */
    record Entry(String name, String vendor, String url, String purpose, List<String> gradeBands, String status,
                 String conditions, String agreement, LocalDate agreementExpiresOn) {
    }

    record Feed(String district, List<Entry> apps) {
    }

    private final AppList apps;
    private final Districts districts;

    ApprovedList(AppList apps, Districts districts) {
        this.apps = apps;
        this.districts = districts;
    }

    @GetMapping({"/apps/approved", "/apps/approved/{slug}"})
    String page(@PathVariable(required = false) String slug, @RequestParam(required = false) String district,
                @RequestParam(defaultValue = "") String q, ListParams list, Model model) {
        Optional<District> chosen = district(slug != null ? slug : district);
        if (chosen.isEmpty()) {
            model.addAttribute("districts", districts.findAllByOrderByName());
            return "apps/choose";
        }
        model.addAttribute("district", chosen.get());
        // its links name the district in the path, as a staff member's bookmark does
        Paging paging = AppList.APPROVED.paging(list, PAGE).at("/apps/approved/" + chosen.get().slug())
                .keeping("q", q);
        model.addAttribute("apps", apps.approvedPage(chosen.get().id(), q, paging));
        model.addAttribute("q", q);
        return "apps/approved";
    }

    @GetMapping({"/apps/approved.json", "/apps/approved/{slug}.json"})
    @ResponseBody
    Feed feed(@PathVariable(required = false) String slug, @RequestParam(required = false) String district,
              @RequestParam(defaultValue = "") String q) {
        District chosen = district(slug != null ? slug : district).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "Name the district: /apps/approved/{slug}.json or ?district={slug}"));
        return new Feed(chosen.name(), apps.approved(chosen.id(), q).stream()
                .map(a -> new Entry(a.name(), a.vendor(), a.url(), a.purpose(),
                        a.gradeBands(),
                        a.status().title(), a.conditions(), a.agreement().title(), a.agreementExpiresOn()))
                .toList());
    }

    private Optional<District> district(String slug) {
        if (slug != null && !slug.isBlank()) {
            return districts.findBySlug(slug.strip());
        }
        List<District> all = districts.findAll();
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }
}
