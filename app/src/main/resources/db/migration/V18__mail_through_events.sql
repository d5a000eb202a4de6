-- Mail goes out through the event publication registry (issue 16): a message is recorded as QUEUED in the
-- transaction that decided it and sent once that commits, so a server stopping in between sends it on restart.
-- A message the SMTP server did not take is tried again a few times, each attempt counted.
alter table mail_message drop constraint mail_message_status_check;
alter table mail_message add constraint mail_message_status_check
    check (status in ('QUEUED', 'SENT', 'FAILED', 'NO_SERVER'));
alter table mail_message add column attempts int not null default 0;
alter table mail_message add column sent_at timestamptz;
update mail_message set attempts = 1 where status = 'SENT';
-- failures recorded before this version are not tried again: they are old news by now
update mail_message set attempts = 5 where status = 'FAILED';
create index mail_message_to_retry on mail_message (created_at) where status in ('QUEUED', 'FAILED');
