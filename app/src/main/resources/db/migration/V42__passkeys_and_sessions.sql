-- Passkeys (WebAuthn): Spring Security's own tables, read and written by JdbcPublicKeyCredentialUserEntityRepository
-- and JdbcUserCredentialRepository (their columns as Spring Security's user-entities-schema.sql and
-- user-credentials-schema-postgres.sql name them), in PostgreSQL's types and tied to the account they belong to.

-- One WebAuthn user handle per account: id is the handle (random bytes, base64url), name the account's username.
create table user_entities (
    id            text primary key,
    name          text not null unique references account (username) on update cascade on delete cascade,
    display_name  text
);

-- One row a passkey: its public key, its counter and when it was made and last used.
create table user_credentials (
    credential_id                 text primary key,
    user_entity_user_id           text not null references user_entities (id) on delete cascade,
    public_key                    bytea not null,
    signature_count               bigint,
    uv_initialized                boolean,
    backup_eligible               boolean not null,
    authenticator_transports      text,
    public_key_credential_type    text,
    backup_state                  boolean not null,
    attestation_object            bytea,
    attestation_client_data_json  bytea,
    created                       timestamptz,
    last_used                     timestamptz,
    label                         text not null check (length(btrim(label)) between 1 and 100)
);

create index user_credentials_of_user on user_credentials (user_entity_user_id);

-- A district's sign-in rules: whether the roles that see the most (technology, investigators, records,
-- administrators) must use a passkey. No row: not required.
create table district_sign_in (
    district_id        bigint primary key references district,
    passkeys_required  boolean not null,
    changed_at         timestamptz not null,
    changed_by         bigint not null references account
);
