package org.steward.accounts;

import java.time.Clock;
import java.util.EnumSet;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** The one-time page that creates the first district and its administrator. */
@Controller
class SetupController {

    private final SetupLink setupLink;
    private final AccountDirectory accounts;
    private final Districts districts;
    private final Clock clock;

    SetupController(SetupLink setupLink, AccountDirectory accounts, Districts districts, Clock clock) {
        this.setupLink = setupLink;
        this.accounts = accounts;
        this.districts = districts;
        this.clock = clock;
    }

    @GetMapping("/setup/{token}")
    String form(@PathVariable String token, Model model) {
        requireValid(token);
        model.addAttribute("token", token);
        return "accounts/setup";
    }

    @PostMapping("/setup/{token}")
    @Transactional
    String create(@PathVariable String token, @RequestParam String districtName, @RequestParam String districtSlug,
                  @RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                  Model model) {
        requireValid(token);
        String slug = districtSlug.strip().toLowerCase();
        String problem = !slug.matches("[a-z0-9-]{2,40}") ? "The district's short name has 2 to 40 letters, digits or dashes."
                : districtName.isBlank() ? "Give the district's name." : null;
        if (problem == null) {
            try {
                District district = districts.save(District.named(slug, districtName.strip(), clock.instant()));
                accounts.create(district.id(), username, password, displayName.strip(), null, null,
                        EnumSet.of(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN));
                if (!setupLink.redeem(token)) {
                    throw new ResponseStatusException(HttpStatus.GONE, "This setup link has already been used.");
                }
                return "redirect:/login?setup";
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        model.addAttribute("token", token);
        model.addAttribute("problem", problem);
        model.addAttribute("districtName", districtName);
        model.addAttribute("districtSlug", districtSlug);
        model.addAttribute("username", username);
        model.addAttribute("displayName", displayName);
        return "accounts/setup";
    }

    private void requireValid(String token) {
        if (!setupLink.isValid(token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This setup link is not valid or was used.");
        }
    }
}
