-- A signature given before the district used Steward (on a paper signature page, in another system) is recorded
-- with the time it was given, what it was recorded from, and who recorded it when: all three or none.
alter table ack_signature add column recorded_from text;
alter table ack_signature add column recorded_by text;
alter table ack_signature add column recorded_at timestamptz;
alter table ack_signature add constraint ack_signature_recorded_whole
    check ((recorded_from is null) = (recorded_by is null) and (recorded_by is null) = (recorded_at is null));
alter table ack_signature add constraint ack_signature_recorded_after_signed
    check (recorded_at is null or recorded_at >= signed_at);
