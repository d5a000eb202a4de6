package org.steward.accounts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A person whose privileges are suspended pending acknowledgment reaches only the signing pages, their receipts and
 * sign-out; any other page sends them to one that says why. Once they have signed, the next other page admits them
 * again through {@link SignInGate} with everything their roles allow, without signing in again. Runs after Spring
 * Security's filters (a servlet filter of the lowest order), so the signed-in person is known.
 */
@Component
class OnlyToSignFilter extends OncePerRequestFilter {

    private static final Pattern ALLOWED = Pattern.compile(
            "/acknowledgments|/acknowledgments/\\d+|/acknowledgments/receipts/.*|/signing-only|/logout|/login"
                    + "|/report|/my/reports|/my/reports/\\d+|/kiosk/reported"
                    + "|/error|/css/.*|/js/.*|/webjars/.*|/favicon\\.ico");

    private final Accounts accounts;
    private final SignInGate gate;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    OnlyToSignFilter(Accounts accounts, SignInGate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (!(signedIn != null && signedIn.getPrincipal() instanceof StewardUser user && user.mayOnlySign())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (ALLOWED.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        StewardUser again;
        try {
            again = accounts.findById(user.accountId()).map(a -> gate.admit(a, false)).orElse(user);
        } catch (DisabledException refused) {
            request.getSession().invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?closed");
            return;
        }
        if (again.mayOnlySign()) {
            response.sendRedirect(request.getContextPath() + "/signing-only");
            return;
        }
        again.eraseCredentials();
        // the roles admitted again, and the ways the person signed in (password, passkey, single sign-on) kept
        List<GrantedAuthority> authorities = new ArrayList<>(again.getAuthorities());
        signedIn.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .forEach(authorities::add);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(again, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
