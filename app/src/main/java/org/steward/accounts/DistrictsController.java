package org.steward.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.steward.districts.District;
import org.steward.districts.Districts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A county administrator's list of the districts the installation serves, and the switch between them. */
@Controller
class DistrictsController {

    private final Districts districts;
    private final CurrentDistrict currentDistrict;

    DistrictsController(Districts districts, CurrentDistrict currentDistrict) {
        this.districts = districts;
        this.currentDistrict = currentDistrict;
    }

    @GetMapping("/districts")
    String list(Model model) {
        model.addAttribute("districts", districts.findAllByOrderByName());
        return "districts/list";
    }

    @PostMapping("/districts/{slug}/act")
    String actIn(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) {
        District district = districts.findBySlug(slug)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such district."));
        currentDistrict.actIn(district.id(), request, response);
        return "redirect:/";
    }
}
