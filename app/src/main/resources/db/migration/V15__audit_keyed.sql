-- From here on each entry's hash is an HMAC-SHA256 with a key kept outside the database; entries written before are
-- plain SHA-256 and are verified as such (keyed = false). Adding the column rewrites no row.
alter table audit_entry add column keyed boolean not null default false;
