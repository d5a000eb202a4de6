package org.steward.sso;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;

import jakarta.servlet.http.HttpServletResponse;

/** The district's sign-in settings: its administrators set up single sign-on with Google or Microsoft. */
@Controller
class SsoSettingsController {

    /** What the form shows: the settings held (or just entered, when refused), never the secret. */
    record Form(String provider, String clientId, String hostedDomain, String tenantId) {
    }

    /** What the page says of the settings held. */
    record Held(SsoProvider provider, boolean enabled, String updatedBy, java.time.Instant updatedAt) {
    }

    private final SignInSettings settings;
    private final DistrictClientRegistrations registrations;
    private final Districts districts;

    SsoSettingsController(SignInSettings settings, DistrictClientRegistrations registrations, Districts districts) {
        this.settings = settings;
        this.registrations = registrations;
        this.districts = districts;
    }

    @GetMapping("/district/sign-in")
    String show(@AuthenticationPrincipal StewardUser me, Model model) {
        var held = settings.of(me.districtId());
        Form form = held.map(sso -> new Form(sso.provider().name(), sso.clientId(), sso.hostedDomain(),
                sso.tenantId())).orElse(new Form(SsoProvider.GOOGLE.name(), "", "", ""));
        return page(me, model, form);
    }

    @PostMapping("/district/sign-in")
    String save(@AuthenticationPrincipal StewardUser me, @RequestParam(defaultValue = "") String provider,
                @RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String clientSecret,
                @RequestParam(defaultValue = "") String hostedDomain, @RequestParam(defaultValue = "") String tenantId,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        SsoProvider chosen = parse(provider);
        SignInSettings.Outcome outcome = settings.save(me.districtId(),
                new DistrictSso.Settings(chosen, clientId, hostedDomain, tenantId), clientSecret, me.getUsername());
        if (!outcome.saved()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", outcome.message());
            return page(me, model, new Form(provider, clientId, hostedDomain, tenantId));
        }
        redirect.addFlashAttribute("message", outcome.message());
        // the provider's configuration is read now, so a wrong tenant or an unreachable issuer shows at once
        String slug = districts.findById(me.districtId()).map(District::slug).orElse("");
        if (registrations.lookup(slug) instanceof DistrictClientRegistrations.Unavailable unavailable) {
            redirect.addFlashAttribute("warning", unavailable.reason());
        }
        return "redirect:/district/sign-in";
    }

    @PostMapping("/district/sign-in/off")
    String turnOff(@AuthenticationPrincipal StewardUser me, RedirectAttributes redirect) {
        SignInSettings.Outcome outcome = settings.turnOff(me.districtId(), me.getUsername());
        redirect.addFlashAttribute(outcome.saved() ? "message" : "problem", outcome.message());
        return "redirect:/district/sign-in";
    }

    private String page(StewardUser me, Model model, Form form) {
        District district = districts.findById(me.districtId()).orElseThrow();
        var held = settings.of(me.districtId());
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("section", "sign-in");
        model.addAttribute("district", district);
        model.addAttribute("form", form);
        model.addAttribute("held", held.map(sso -> new Held(sso.provider(), sso.enabled(), sso.updatedBy(),
                sso.updatedAt())).orElse(null));
        model.addAttribute("providers", SsoProvider.values());
        model.addAttribute("haveKey", settings.haveKey());
        model.addAttribute("redirectUri", registrations.redirectUri(base, district.slug()));
        model.addAttribute("signInPage", base + "/login/" + district.slug());
        model.addAttribute("googleIssuer", registrations.issuerOf(SsoProvider.GOOGLE, null));
        model.addAttribute("entraIssuer", registrations.issuerOf(SsoProvider.ENTRA,
                held.map(DistrictSso::tenantId).orElse(null)));
        return "sso/settings";
    }

    private static SsoProvider parse(String provider) {
        try {
            return provider.isBlank() ? null : SsoProvider.valueOf(provider.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
