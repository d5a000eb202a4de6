package org.steward.sso;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which provider's subject signed in to which account, first and last: an account's sign-in kind "SSO". */
@Component
class SsoIdentities {

    private final JdbcClient jdbc;

    SsoIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void signedIn(long accountId, long districtId, String issuer, String subject, String email, Instant at) {
        jdbc.sql("""
                insert into sso_identity (account_id, district_id, issuer, subject, email, first_signed_in,
                                          last_signed_in)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (district_id, issuer, subject)
                do update set account_id = excluded.account_id, email = excluded.email,
                              last_signed_in = excluded.last_signed_in""")
                .params(accountId, districtId, issuer, subject, email, Timestamp.from(at), Timestamp.from(at))
                .update();
    }
}
