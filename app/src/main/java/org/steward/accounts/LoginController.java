package org.steward.accounts;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

@Controller
class LoginController {

    /** A demo account shown on the sign-in page, in demo mode only. */
    record DemoCredential(String username, String password, String roles) {
    }

    /** The session attribute that carries why SignInGate refused a sign-in to the sign-in page, once. */
    static final String REFUSAL = LoginController.class.getName() + ".refusal";

    private final DemoMode demo;
    private final JdbcClient jdbc;

    LoginController(DemoMode demo, JdbcClient jdbc) {
        this.demo = demo;
        this.jdbc = jdbc;
    }

    /** The sign-in page; asked again by htmx while the demo loads, it answers with the demo's part of the page. */
    @GetMapping("/login")
    String login(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                 jakarta.servlet.http.HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(REFUSAL) != null) {
            model.addAttribute("refusal", session.getAttribute(REFUSAL));
            session.removeAttribute(REFUSAL);
        }
        model.addAttribute("demo", demo.state());
        if (demo.state() == DemoMode.State.READY) {
            model.addAttribute("demoCredentials", demoCredentials(jdbc));
        }
        return htmx != null ? "accounts/login :: demo" : "accounts/login";
    }

    static List<DemoCredential> demoCredentials(JdbcClient jdbc) {
        return jdbc.sql("""
                select d.username, d.password, string_agg(r.role, ', ' order by r.role) as roles
                from demo_credential d join account a on a.username = d.username
                join account_role r on r.account_id = a.id
                group by d.username, d.password order by d.username""")
                .query(DemoCredential.class).list();
    }
}
