-- Districts made and suspended by the county office, accounts and roles kept by district administrators,
-- one-time links (invitations, password resets) and the history of every role held.

-- A suspended district's people cannot sign in; the reason is shown to them and kept in the audit trail.
alter table district add column suspended_at timestamptz;
alter table district add column suspended_why text;
alter table district add column version integer not null default 0;

-- An account invited to set its password has none until it does (single sign-on accounts have none at all).
alter table account alter column password_hash drop not null;

-- Why an account can no longer sign in (separation, closed by an administrator), while account.enabled is false.
create table account_closure (
    account_id  bigint primary key references account on delete cascade,
    closed_at   timestamptz not null,
    why         text not null
);

-- The roles an account holds and has held: each grant with who gave it, when and why, and its revocation.
create table role_holder (
    account_id  bigint primary key references account on delete cascade,
    district_id bigint not null references district,
    version     integer not null
);

create table role_grant (
    account_id     bigint not null references role_holder on delete cascade,
    position       integer not null,
    role           text not null check (role in ('EMPLOYEE', 'SUPERVISOR', 'HR', 'TECHNOLOGY', 'RECORDS',
                                                 'INVESTIGATOR', 'DISTRICT_ADMIN', 'COUNTY_ADMIN')),
    granted_at     timestamptz not null,
    granted_by     text not null,
    grant_reason   text not null,
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text,
    primary key (account_id, position)
);

-- E-mailed one-time links: an invitation to set a username and password (7 days), a password reset (1 hour).
-- Only the SHA-256 of the token is kept; a link is used once.
create table account_link (
    token_hash  text primary key,
    purpose     text not null check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    district_id bigint not null references district,
    account_id  bigint not null references account on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index account_link_account on account_link (account_id) where used_at is null;
