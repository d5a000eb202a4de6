-- A district on its own policy names its own clause for each kind of approval (Clovis C.12 for mass e-mail, say).
alter table approval_route add column clause text;
alter table approval_route alter column steps drop not null;
alter table approval_route drop constraint approval_route_steps_check;
alter table approval_route add constraint approval_route_steps_check check (steps is null or length(steps) > 0);
