package org.steward.sso;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The sign-in pages of single sign-on: the choice of district, a district's own sign-in page
 * ({@code /login/{slug}}, the address a district gives its staff), and the page that says why a sign-in was
 * refused and whom to ask.
 */
@Controller
class SsoLoginController {

    private final SignInSettings settings;
    private final DistrictClientRegistrations registrations;
    private final AccountDirectory accounts;

    SsoLoginController(SignInSettings settings, DistrictClientRegistrations registrations, AccountDirectory accounts) {
        this.settings = settings;
        this.registrations = registrations;
        this.accounts = accounts;
    }

    @GetMapping("/login/sso")
    String choose(Model model) {
        model.addAttribute("districts", settings.districtsSignedInThrough());
        return "sso/choose";
    }

    @GetMapping("/login/{slug}")
    String district(@PathVariable String slug, Model model, HttpServletResponse response) {
        var lookup = registrations.lookup(slug);
        if (lookup instanceof DistrictClientRegistrations.Ready ready) {
            model.addAttribute("district", ready.district());
            model.addAttribute("provider", ready.sso().provider());
        } else {
            var unavailable = (DistrictClientRegistrations.Unavailable) lookup;
            if (unavailable.district() == null) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
            }
            model.addAttribute("district", unavailable.district());
            model.addAttribute("unavailable", unavailable.reason());
        }
        return "sso/district";
    }

    /** Reached only when Spring Security's start of the sign-in found no registration for the slug. */
    @GetMapping(SingleSignOn.START + "/{slug}")
    String cannotStart(@PathVariable String slug, Model model, HttpServletResponse response) {
        var lookup = registrations.lookup(slug);
        var unavailable = lookup instanceof DistrictClientRegistrations.Unavailable u ? u
                : new DistrictClientRegistrations.Unavailable(((DistrictClientRegistrations.Ready) lookup).district(),
                "The sign-in could not start just now. Try again.");
        response.setStatus(unavailable.district() == null ? HttpStatus.NOT_FOUND.value()
                : HttpStatus.SERVICE_UNAVAILABLE.value());
        return refusedPage(new Refusal(slug, unavailable.district() == null ? null : unavailable.district().id(),
                unavailable.reason(), false, null), "Single sign-on cannot start", model);
    }

    @GetMapping("/login/{slug}/refused")
    String refused(@PathVariable String slug, HttpSession session, Model model) {
        // a refusal is shown on its own district's page only; one for no district on /login/sso/refused
        Refusal refusal = session.getAttribute(Refusal.SESSION_ATTRIBUTE) instanceof Refusal r
                && (r.districtId() == null ? "sso".equals(slug) : slug.equals(r.slug())) ? r : null;
        if (refusal == null) {
            model.addAttribute("slug", slug);
            return "sso/refused";
        }
        return refusedPage(refusal, "Signing in was refused", model);
    }

    private String refusedPage(Refusal refusal, String title, Model model) {
        var lookup = registrations.lookup(refusal.slug());
        var district = lookup instanceof DistrictClientRegistrations.Ready ready ? ready.district()
                : ((DistrictClientRegistrations.Unavailable) lookup).district();
        List<AccountDirectory.Addressee> administrators = refusal.districtId() == null ? List.of()
                : accounts.addresseesIn(refusal.districtId(), Role.DISTRICT_ADMIN);
        model.addAttribute("title", title);
        model.addAttribute("refusal", refusal);
        model.addAttribute("district", district);
        model.addAttribute("slug", refusal.slug());
        model.addAttribute("administrators", administrators);
        return "sso/refused";
    }
}
