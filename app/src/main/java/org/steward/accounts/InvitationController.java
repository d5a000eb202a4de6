package org.steward.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages an e-mailed link opens, without being signed in: an invitation to choose a username and password, and
 * a password reset; and the page that asks for a reset link, which answers alike whether or not the account exists.
 */
@Controller
class InvitationController {

    private final DistrictAccounts accounts;

    InvitationController(DistrictAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/invitation/{token}")
    String invitation(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            Account account = accounts.invited(token);
            model.addAttribute("token", token);
            model.addAttribute("username", account.username());
            model.addAttribute("displayName", account.displayName());
            return "accounts/invitation";
        } catch (OneTimeLinks.Refused e) {
            return linkRefused(e, model, response);
        }
    }

    @PostMapping("/invitation/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String username,
                  @RequestParam(defaultValue = "") String password, Model model, HttpServletResponse response) {
        try {
            accounts.accept(token, username, password);
            return "redirect:/login?ready";
        } catch (OneTimeLinks.Refused e) {
            return linkRefused(e, model, response);
        } catch (IllegalArgumentException e) {
            Account account = accounts.invited(token);
            model.addAttribute("token", token);
            model.addAttribute("username", username);
            model.addAttribute("displayName", account.displayName());
            model.addAttribute("problem", e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "accounts/invitation";
        }
    }

    @GetMapping("/password/forgot")
    String forgotForm() {
        return "accounts/forgot";
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(defaultValue = "") String who, Model model) {
        accounts.forgot(who);
        model.addAttribute("sent", true);
        return "accounts/forgot";
    }

    @GetMapping("/password/reset/{token}")
    String resetForm(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("username", accounts.resetting(token).username());
            model.addAttribute("token", token);
            return "accounts/reset";
        } catch (OneTimeLinks.Refused e) {
            return linkRefused(e, model, response);
        }
    }

    @PostMapping("/password/reset/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model,
                 HttpServletResponse response) {
        try {
            accounts.reset(token, password);
            return "redirect:/login?reset";
        } catch (OneTimeLinks.Refused e) {
            return linkRefused(e, model, response);
        } catch (IllegalArgumentException e) {
            model.addAttribute("username", accounts.resetting(token).username());
            model.addAttribute("token", token);
            model.addAttribute("problem", e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "accounts/reset";
        }
    }

    private static String linkRefused(OneTimeLinks.Refused e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("problem", e.getMessage());
        return "accounts/link-refused";
    }
}
