package org.steward.accounts;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Lets a county administrator choose the district they act in. */
@Component
public class CurrentDistrict {

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    public void actIn(long districtId, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (!(current.getPrincipal() instanceof StewardUser user)) {
            throw new IllegalStateException("Not signed in");
        }
        StewardUser acting = user.actingIn(districtId);
        var context = SecurityContextHolder.createEmptyContext();
        // the roles of the district acted in, and the ways the person signed in (password, passkey) kept
        java.util.List<org.springframework.security.core.GrantedAuthority> authorities =
                new java.util.ArrayList<>(acting.getAuthorities());
        current.getAuthorities().stream()
                .filter(a -> a instanceof org.springframework.security.core.authority.FactorGrantedAuthority)
                .forEach(authorities::add);
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(acting, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
