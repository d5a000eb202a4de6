package org.steward.accounts;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    /** A demo account shown on the sign-in page, in demo mode only. */
    record DemoCredential(String username, String password, String roles) {
    }

    private final Environment environment;
    private final JdbcClient jdbc;

    LoginController(Environment environment, JdbcClient jdbc) {
        this.environment = environment;
        this.jdbc = jdbc;
    }

    @GetMapping("/login")
    String login(Model model) {
        if (environment.getProperty("steward.demo.enabled", Boolean.class, false)) {
            model.addAttribute("demoCredentials", demoCredentials(jdbc));
        }
        return "accounts/login";
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
