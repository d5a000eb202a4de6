-- Category lists kept current: a district's download address and schedule, each check's outcome, and each time the
-- lists in use changed, with what changed in them.

-- What a set came from and where it stands. The archive's SHA-256 tells the same download again; a held set is the
-- latest download, held back for having less than half the entries of the set in use, which a person may still put
-- in use; the set that left use last is the previous one, which can be put back; the folders of older sets are
-- deleted to save disk, their rows kept.
alter table category_set
    add column archive_sha256    text,
    add column held              boolean not null default false,
    add column left_use_at       timestamptz,
    add column folder_deleted_at timestamptz;

-- Sets replaced before this migration left use when the next one was installed; their folders are still on disk.
update category_set s set left_use_at = n.next_installed_at
from (select id, lead(installed_at) over (partition by district_id order by installed_at, id) as next_installed_at
      from category_set) n
where s.id = n.id and not s.in_use and n.next_installed_at is not null;

-- Where a district's lists are downloaded from, and when: daily or weekly, at an hour of the district's own time.
create table category_feed (
    district_id      bigint primary key references district,
    address          text not null check (address ~* '^https?://'),
    checksum_address text not null default '' check (checksum_address = '' or checksum_address ~* '^https?://'),
    frequency        text not null check (frequency in ('DAILY', 'WEEKLY')),
    day_of_week      text check (day_of_week in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY',
                                                 'SUNDAY')),
    at_hour          int not null check (at_hour between 0 and 23),
    set_by           text not null,
    set_at           timestamptz not null,
    check ((frequency = 'WEEKLY') = (day_of_week is not null))
);

-- Each check of the address, by the schedule or by hand, and what came of it.
create table category_check (
    id             bigint generated always as identity primary key,
    district_id    bigint not null references district,
    at             timestamptz not null,
    checked_by     text not null,              -- a person's user name, or "schedule"
    address        text not null,
    outcome        text not null check (outcome in ('INSTALLED', 'UNCHANGED', 'HELD', 'REFUSED')),
    message        text not null,
    bytes          bigint,
    archive_sha256 text,
    set_id         bigint references category_set  -- the set installed or held
);
create index category_check_latest on category_check (district_id, at desc, id desc);

-- Each time the lists in use changed: a new set installed (by hand or downloaded), or an earlier one put back.
create table category_swap (
    id          bigint generated always as identity primary key,
    district_id bigint not null references district,
    at          timestamptz not null,
    set_id      bigint not null references category_set,
    replaced_id bigint references category_set,   -- none for a district's first set
    how         text not null check (how in ('INSTALLED', 'PUT_BACK')),
    swapped_by  text not null
);
create index category_swap_latest on category_swap (district_id, at desc, id desc);

-- What changed in a swap, per category that changed: domains and URLs added and removed, or the category itself.
create table category_change (
    swap_id  bigint not null references category_swap,
    category text not null,
    change   text not null check (change in ('ADDED', 'REMOVED', 'CHANGED')),
    added    int not null check (added >= 0),
    removed  int not null check (removed >= 0),
    primary key (swap_id, category)
);

create function category_history_is_final() returns trigger language plpgsql as $$
begin
    raise exception 'the category lists'' checks and changes are history: they cannot be changed or deleted';
end $$;
create trigger category_check_final before update or delete on category_check
    for each row execute function category_history_is_final();
create trigger category_swap_final before update or delete on category_swap
    for each row execute function category_history_is_final();
create trigger category_change_final before update or delete on category_change
    for each row execute function category_history_is_final();
