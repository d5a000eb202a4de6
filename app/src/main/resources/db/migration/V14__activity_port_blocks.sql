-- The block of the server's ports each district's syslog receivers may listen on (the operator sets the range and the
-- block size; a district gets its block when it first needs one). One block a district, one district a block.
create table activity_port_block (
    district_id bigint primary key references district,
    first_port  int not null unique
);
