-- A hand-over says whether it moves devices from another employee (a transfer, chosen when it was prepared); only
-- then does signing take a device from its present possessor. A hand-over that can no longer be signed (its
-- employee separated) is cancelled, and its devices are free for another.
alter table device_handover add column transfer boolean not null default false;
update device_handover set transfer = true where status in ('AWAITING_ACKNOWLEDGMENT', 'AWAITING_SIGNATURE');
alter table device_handover add column cancelled_because text;
