package org.steward.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.steward.audit.AuditLog;

/**
 * Each account's passkeys, kept in Spring Security's WebAuthn tables: the list a person sees of their own, and
 * their removal. Spring Security's filters save and delete passkeys through {@link #credentials}, which audits a
 * passkey made or removed.
 */
@Service
public class Passkeys {

    /** A passkey as its owner sees it; {@code id} is the credential id the browser holds, not a secret. */
    public record Passkey(String id, String label, Instant created, Instant lastUsed) {
    }

    /** The owner of a passkey, as sign-in needs them. */
    record Owner(long accountId, long districtId, String username) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Passkeys(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Passkey> of(long accountId) {
        return jdbc.sql("""
                select c.credential_id, c.label, c.created, c.last_used from user_credentials c
                join user_entities u on u.id = c.user_entity_user_id join account a on a.username = u.name
                where a.id = ? order by c.created, c.credential_id""")
                .param(accountId)
                .query((rs, n) -> new Passkey(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4))))
                .list();
    }

    @Transactional(readOnly = true)
    public boolean hasAny(long accountId) {
        return jdbc.sql("""
                select exists (select 1 from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                               join account a on a.username = u.name where a.id = ?)""")
                .param(accountId).query(Boolean.class).single();
    }

    /** Removes one of the person's own passkeys; another's, or one that is gone, is not found. */
    @Transactional
    public String remove(StewardUser me, String credentialId) {
        Optional<String> label = jdbc.sql("""
                delete from user_credentials c using user_entities u, account a
                where c.credential_id = ? and u.id = c.user_entity_user_id and a.username = u.name and a.id = ?
                returning c.label""")
                .params(credentialId, me.accountId()).query(String.class).optional();
        String removed = label.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "That passkey is not one of yours, or it was removed already."));
        audit.record(me.districtId(), "PASSKEY_REMOVED", "account", me.accountId(), "passkey '" + removed + "'");
        return removed;
    }

    /**
     * Removes every passkey of an account of the administrator's district (a lost device: the person then makes a new
     * one at their next sign-in); says how many there were.
     */
    @Transactional
    public int removeAll(StewardUser admin, long accountId) {
        List<String> labels = jdbc.sql("""
                delete from user_credentials c using user_entities u, account a
                where u.id = c.user_entity_user_id and a.username = u.name and a.id = ? and a.district_id = ?
                returning c.label""")
                .params(accountId, admin.districtId()).query(String.class).list();
        for (String label : labels) {
            audit.record(admin.districtId(), "PASSKEY_REMOVED", "account", accountId,
                    "passkey '" + label + "', removed by " + admin.displayName() + ", district administrator");
        }
        return labels.size();
    }

    @Transactional(readOnly = true)
    Optional<Owner> ownerOf(Bytes credentialId) {
        return jdbc.sql("""
                select a.id, a.district_id, a.username from user_credentials c
                join user_entities u on u.id = c.user_entity_user_id join account a on a.username = u.name
                where c.credential_id = ?""")
                .param(credentialId.toBase64UrlString())
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
    }

    @Transactional(readOnly = true)
    Optional<String> labelOf(Bytes credentialId) {
        return jdbc.sql("select label from user_credentials where credential_id = ?")
                .param(credentialId.toBase64UrlString()).query(String.class).optional();
    }

    /** Spring Security's credential store, telling the audit trail of each passkey saved for the first time. */
    UserCredentialRepository credentials(UserCredentialRepository store) {
        return new UserCredentialRepository() {
            @Override
            public void delete(Bytes credentialId) {
                // Spring Security's own DELETE /webauthn/register/{id} (its owner only) comes here: audited as well
                Optional<Owner> owner = ownerOf(credentialId);
                Optional<String> label = labelOf(credentialId);
                store.delete(credentialId);
                owner.ifPresent(o -> audit.record(o.districtId(), "PASSKEY_REMOVED", "account", o.accountId(),
                        "passkey '" + label.orElse("?") + "'"));
            }

            @Override
            public void save(CredentialRecord record) {
                boolean isNew = store.findByCredentialId(record.getCredentialId()) == null;
                store.save(record);
                if (isNew) {
                    ownerOf(record.getCredentialId()).ifPresent(owner -> audit.record(owner.districtId(),
                            "PASSKEY_REGISTERED", "account", owner.accountId(),
                            "passkey '" + record.getLabel() + "'"));
                }
            }

            @Override
            public CredentialRecord findByCredentialId(Bytes credentialId) {
                return store.findByCredentialId(credentialId);
            }

            @Override
            public List<CredentialRecord> findByUserId(Bytes userId) {
                return store.findByUserId(userId);
            }
        };
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
