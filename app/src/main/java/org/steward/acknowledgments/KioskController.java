package org.steward.acknowledgments;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.security.core.context.SecurityContextHolder;
import org.steward.accounts.StewardUser;

/**
 * The kiosk: opened by a supervisor, it signs them out and waits for the next employee, who signs in, is taken to
 * what they have to sign, and is signed out once they have: nobody sees anyone else's record.
 */
@Controller
class KioskController {

    private final Kiosks kiosks;
    private final Campaigns campaigns;

    KioskController(Kiosks kiosks, Campaigns campaigns) {
        this.kiosks = kiosks;
        this.campaigns = campaigns;
    }

    @PostMapping("/kiosk/open")
    String open(@AuthenticationPrincipal StewardUser me, HttpServletRequest request, HttpServletResponse response) {
        String token = kiosks.open(me.districtId(), me.getUsername());
        response.addHeader("Set-Cookie", ResponseCookie.from(Kiosks.COOKIE, token).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).path("/").maxAge(Kiosks.LIFETIME).build().toString());
        signOut(request, response);
        return "redirect:/kiosk";
    }

    /** The kiosk's waiting screen: open to anyone, it only offers to sign in. */
    @GetMapping("/kiosk")
    String waiting(HttpServletRequest request, Model model) {
        model.addAttribute("open", kiosks.isKiosk(request));
        return "acknowledgments/kiosk";
    }

    /** After sign-in at a kiosk: straight to the first thing this person has to sign. */
    @GetMapping("/kiosk/next")
    String next(@AuthenticationPrincipal StewardUser me, HttpServletRequest request, HttpServletResponse response,
                Model model) {
        if (kiosks.isKiosk(request)) {
            request.getSession().setMaxInactiveInterval(Kiosks.IDLE_SECONDS); // someone who walks away is signed out
        }
        if (me.staffId() != null) {
            for (Assignment a : campaigns.assignmentsOf(me.districtId(), me.staffId())) {
                if (!a.isSigned() && campaigns.find(me.districtId(), a.campaignId()).orElseThrow().isOpen()) {
                    return "redirect:/acknowledgments/" + a.campaignId();
                }
            }
        }
        signOut(request, response);
        model.addAttribute("open", kiosks.isKiosk(request));
        model.addAttribute("nothing", true);
        return "acknowledgments/kiosk";
    }

    /** After signing at a kiosk: signed out, ready for the next person. */
    @GetMapping("/kiosk/done")
    String done(HttpServletRequest request, HttpServletResponse response, Model model) {
        return nextPerson(request, response, model, "signed");
    }

    /** After reporting a problem at a kiosk: signed out, the receipt on its way by e-mail. */
    @GetMapping("/kiosk/reported")
    String reported(HttpServletRequest request, HttpServletResponse response, Model model) {
        return nextPerson(request, response, model, "reported");
    }

    /** The waiting screen again, its last person signed out if this is a kiosk, saying what they did. */
    private String nextPerson(HttpServletRequest request, HttpServletResponse response, Model model, String did) {
        boolean kiosk = kiosks.isKiosk(request);
        if (kiosk) {
            signOut(request, response);
        }
        model.addAttribute("open", kiosk);
        model.addAttribute(did, true);
        return "acknowledgments/kiosk";
    }

    private static void signOut(HttpServletRequest request, HttpServletResponse response) {
        new SecurityContextLogoutHandler().logout(request, response,
                SecurityContextHolder.getContext().getAuthentication());
    }
}
