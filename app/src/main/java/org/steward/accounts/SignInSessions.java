package org.steward.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.security.core.session.SessionIdChangedEvent;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.steward.audit.AuditLog;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The sessions people are signed in with: Spring Security's {@link SessionRegistry} knows each session's person and
 * last request, and this adds how and from where each was signed in, so a person sees their sessions and ends any of
 * them, and an administrator ends all of a person's. Both live in this server's memory (docs/architecture.md).
 * Every end is audited: by whom and why.
 */
@Component
public class SignInSessions {

    private static final Logger log = LoggerFactory.getLogger(SignInSessions.class);

    /** How one session was signed in; {@code key} names it on pages instead of the session id, a credential. */
    private record SignIn(String key, long accountId, long districtId, Instant at, Set<String> ways, String browser,
                          String address) {
    }

    /** A session as its person (or their administrator) sees it. */
    public record ActiveSession(String key, Instant signedInAt, String how, String browser, String address,
                                Instant lastSeen, boolean current) {
    }

    private final SessionRegistry registry;
    private final AuditLog audit;
    private final Clock clock;
    private final ConcurrentHashMap<String, SignIn> signIns = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    SignInSessions(SessionRegistry registry, AuditLog audit, Clock clock) {
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        if (!(authentication.getPrincipal() instanceof StewardUser user)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        var session = request.getSession(false);
        if (session == null) {
            return;
        }
        Set<String> ways = ways(authentication);
        signIns.compute(session.getId(), (id, before) -> before != null && before.accountId() == user.accountId()
                ? new SignIn(before.key(), before.accountId(), before.districtId(), before.at(),
                        union(before.ways(), ways), before.browser(), before.address())
                : new SignIn(UUID.randomUUID().toString(), user.accountId(), user.homeDistrictId(), clock.instant(),
                        ways, Browsers.describe(request.getHeader("User-Agent")), address(request)));
    }

    /**
     * Every request of a signed-in person: a session that reached its person some other way than an authentication
     * filter with Spring's session strategy (single sign-on replaces its principal by hand) is registered here, so
     * every session is listed and can be ended, however it was signed in.
     */
    void seen(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        var session = request.getSession(false);
        if (session == null || authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof StewardUser user)) {
            return;
        }
        SessionInformation info = registry.getSessionInformation(session.getId());
        if (info != null && info.isExpired()) {
            return;
        }
        if (info == null || !(info.getPrincipal() instanceof StewardUser known && known.accountId() == user.accountId())) {
            registry.registerNewSession(session.getId(), user);
        }
        if (!signIns.containsKey(session.getId())) {
            Set<String> ways = ways(authentication);
            signIns.putIfAbsent(session.getId(), new SignIn(UUID.randomUUID().toString(), user.accountId(),
                    user.homeDistrictId(), clock.instant(), ways.isEmpty() ? Set.of("single sign-on") : ways,
                    Browsers.describe(request.getHeader("User-Agent")), address(request)));
        }
    }

    /** The ways a sign-in was made, from the factors Spring Security recorded. */
    private static Set<String> ways(Authentication authentication) {
        Set<String> ways = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            switch (String.valueOf(authority.getAuthority())) {
                case FactorGrantedAuthority.PASSWORD_AUTHORITY -> ways.add("password");
                case FactorGrantedAuthority.WEBAUTHN_AUTHORITY -> ways.add("passkey");
                case FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY -> ways.add("single sign-on");
                default -> { }
            }
        }
        return ways;
    }

    @EventListener
    void on(SessionIdChangedEvent event) {
        SignIn signIn = signIns.remove(event.getOldSessionId());
        if (signIn != null) {
            signIns.put(event.getNewSessionId(), signIn);
        }
    }

    /**
     * The server stopping ends every session it holds (they live in its memory): one entry a district says so, rather
     * than one a session while the server is going down.
     */
    @EventListener
    void on(ContextClosedEvent event) {
        stopping = true;
        Map<Long, Long> perDistrict = signIns.values().stream()
                .collect(Collectors.groupingBy(SignIn::districtId, Collectors.counting()));
        signIns.clear();
        try {
            perDistrict.forEach((district, count) -> audit.record(district, "SESSION_ENDED", "district", district,
                    "the server stopped: its " + count + " signed-in session(s) ended"));
        } catch (RuntimeException e) {
            log.warn("The end of {} district(s)' sessions at the server's stop was not audited: {}",
                    perDistrict.size(), e.toString());
        }
    }

    /** A session gone by itself: signed out in its browser, or idle past the server's timeout. */
    @EventListener
    void on(SessionDestroyedEvent event) {
        SignIn signIn = signIns.remove(event.getId());
        if (signIn != null && !stopping) {
            boolean inARequest = RequestContextHolder.getRequestAttributes() != null;
            audit.record(signIn.districtId(), "SESSION_ENDED", "account", signIn.accountId(),
                    inARequest ? "signed out in its own browser" : "ended after 30 idle minutes");
        }
    }

    /** The person's sessions that are still signed in, the newest first. */
    public List<ActiveSession> of(long accountId, String currentSessionId) {
        List<ActiveSession> sessions = new ArrayList<>();
        for (SessionInformation info : sessionsOf(accountId)) {
            SignIn signIn = signIns.get(info.getSessionId());
            if (signIn == null) {
                continue;
            }
            sessions.add(new ActiveSession(signIn.key(), signIn.at(),
                    signIn.ways().isEmpty() ? "unknown" : String.join(" and ", signIn.ways()), signIn.browser(),
                    signIn.address(), info.getLastRequest().toInstant(), info.getSessionId().equals(currentSessionId)));
        }
        sessions.sort(Comparator.comparing(ActiveSession::signedInAt).reversed());
        return sessions;
    }

    /** Ends one of the person's own sessions, named by its key; another's, or one already ended, is not found. */
    public void endOwn(StewardUser me, String key) {
        SessionInformation info = sessionsOf(me.accountId()).stream()
                .filter(s -> signIns.get(s.getSessionId()) != null && signIns.get(s.getSessionId()).key().equals(key))
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "That session is not one of yours, or it has ended already."));
        end(info, "signed out by " + me.displayName() + " from their list of sessions");
    }

    /** Ends every session of an account; says how many there were. */
    public int endAll(long accountId, String why) {
        List<SessionInformation> sessions = sessionsOf(accountId);
        sessions.forEach(info -> end(info, why));
        return sessions.size();
    }

    @ApplicationModuleListener
    void on(AccountClosed closed) {
        endAll(closed.accountId(), "the account was closed: " + closed.why());
    }

    private void end(SessionInformation info, String why) {
        info.expireNow();
        SignIn signIn = signIns.remove(info.getSessionId());
        StewardUser user = (StewardUser) info.getPrincipal();
        audit.record(signIn != null ? signIn.districtId() : user.homeDistrictId(), "SESSION_ENDED", "account",
                user.accountId(), why + (signIn != null ? " (signed in " + signIn.at() + " from "
                        + signIn.browser() + ", " + signIn.address() + ")" : ""));
    }

    private List<SessionInformation> sessionsOf(long accountId) {
        return registry.getAllPrincipals().stream()
                .filter(p -> p instanceof StewardUser user && user.accountId() == accountId)
                .flatMap(p -> registry.getAllSessions(p, false).stream())
                .toList();
    }

    /** The address the request came from, IPv6's loopback written short. */
    private static String address(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return "0:0:0:0:0:0:0:1".equals(address) ? "::1" : address;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
