-- Take-home permission is now a request of the approvals workflow (kind EQUIPMENT_OFF_SITE): one workflow for
-- every prior approval. Its own table goes.
drop table device_take_home;
