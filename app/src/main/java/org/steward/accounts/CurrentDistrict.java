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
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(acting, null,
                acting.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
