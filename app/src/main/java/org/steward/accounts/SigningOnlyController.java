package org.steward.accounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The page that tells a person whose privileges are suspended why they can only sign, and where to sign. */
@Controller
class SigningOnlyController {

    @GetMapping("/signing-only")
    String signingOnly(@AuthenticationPrincipal StewardUser me) {
        return me != null && me.mayOnlySign() ? "accounts/signing-only" : "redirect:/";
    }
}
