package org.steward.accounts;


import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The one-time page that creates the first district and its administrator. */
@Controller
class SetupController {

    private final SetupLink setupLink;

    SetupController(SetupLink setupLink) {
        this.setupLink = setupLink;
    }

    @GetMapping("/setup/{token}")
    String form(@PathVariable String token, Model model) {
        requireValid(token);
        model.addAttribute("token", token);
        return "accounts/setup";
    }

    @PostMapping("/setup/{token}")
    String create(@PathVariable String token, @RequestParam String districtName, @RequestParam String districtSlug,
                  @RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                  Model model) {
        requireValid(token);
        try {
            setupLink.createFirstAdministrator(token, districtName, districtSlug, username, displayName, password);
            return "redirect:/login?setup";
        } catch (IllegalArgumentException e) {
            model.addAttribute("token", token);
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("districtName", districtName);
            model.addAttribute("districtSlug", districtSlug);
            model.addAttribute("username", username);
            model.addAttribute("displayName", displayName);
            return "accounts/setup";
        }
    }

    private void requireValid(String token) {
        if (!setupLink.isValid(token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This setup link is not valid or was used.");
        }
    }
}
