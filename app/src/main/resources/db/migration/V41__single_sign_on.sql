-- Single sign-on with OpenID Connect, one configuration per district (docs/sign-in.md).

-- An account made by single sign-on has no password, and so can never sign in with one.
alter table account alter column password_hash drop not null;

create table district_sso (
    id                bigint generated always as identity primary key,
    district_id       bigint not null unique references district,
    provider          text not null check (provider in ('GOOGLE', 'ENTRA')),
    client_id         text not null,
    -- AES-GCM under the operator's key (steward.sso.secret-key), never the secret itself
    client_secret     bytea not null,
    hosted_domain     text,
    tenant_id         text,
    enabled           boolean not null default true,
    updated_at        timestamptz not null,
    updated_by        text not null,
    version           integer not null default 0,
    check (provider <> 'GOOGLE' or hosted_domain is not null),
    check (provider <> 'ENTRA' or tenant_id is not null)
);

-- Who signed in to which account through which provider's subject: the account's sign-in kind "SSO".
create table sso_identity (
    account_id        bigint not null references account on delete cascade,
    district_id       bigint not null references district,
    issuer            text not null,
    subject           text not null,
    email             text not null,
    first_signed_in   timestamptz not null,
    last_signed_in    timestamptz not null,
    primary key (district_id, issuer, subject)
);
create index sso_identity_account on sso_identity (account_id);
