-- A post's review is evidence of what was checked and approved (issue 21, after an attacker's review): its events
-- cannot be deleted with the post, truncated, or rewritten at any depth; each names what the post was then (title,
-- the text's SHA-256, the images' SHA-256, the students); and a post once approved or withdrawn is never saved again.
alter table publishing_post_event drop constraint publishing_post_event_post_id_fkey;
alter table publishing_post_event add foreign key (post_id) references publishing_post (id) on delete restrict;

alter table publishing_post_event add column title text not null default '';
alter table publishing_post_event add column body_sha256 text not null default '';
alter table publishing_post_event add column image_sha256 text[] not null default '{}';
alter table publishing_post_event add column student_ids bigint[] not null default '{}';

drop trigger publishing_post_event_kept on publishing_post_event;
create trigger publishing_post_event_kept before update or delete on publishing_post_event
    for each row execute function publishing_post_event_kept();
create trigger publishing_post_event_not_truncated before truncate on publishing_post_event
    for each statement execute function publishing_post_event_kept();

create or replace function publishing_post_decided() returns trigger language plpgsql as $$
begin
    if old.status in ('APPROVED', 'WITHDRAWN') then
        raise exception 'a post approved or withdrawn is kept as it was';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;

create trigger publishing_post_decided before update or delete on publishing_post
    for each row execute function publishing_post_decided();

-- A decided post's students and images are not guarded here: saving the aggregate that decides it rewrites them in
-- the same transaction. Its events name them (the students' ids and the images' SHA-256), and those never change.
