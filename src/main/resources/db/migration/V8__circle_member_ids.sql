-- Circle lists an access group's members by community_member_id only (no e-mail address), so memberflow keeps the
-- member id of each customer: recorded when a grant creates or finds the member ('grant'), or learned by a
-- reconciliation run that looked a listed id up ('reconcile'). Two customers sharing one address share one member.
create table circle_member (
    customer_id          varchar(255) primary key,
    community_member_id  bigint       not null,
    source               varchar(16)  not null,   -- grant, reconcile
    recorded_at          timestamptz  not null
);
create index circle_member_by_member on circle_member (community_member_id);

-- Listed member ids a reconciliation looked up (GET /community_members/{id}) and found no customer for: looked up
-- once, then matched again by the SHA-256 of the trimmed, lower-cased address (the address itself is not stored),
-- so a customer who later signs up with it is recognised. email_sha256 null: Circle had no such member any more.
create table circle_member_lookup (
    community_member_id  bigint       primary key,
    email_sha256         char(64),
    looked_up_at         timestamptz  not null
);

-- SHA-256 (hex) of an already normalised address. convert_to is only STABLE (it depends on the database encoding);
-- memberflow's databases are UTF8, so the result never changes for a given text and the function may be IMMUTABLE,
-- which an index expression needs.
create function email_sha256(normalized text) returns text language sql immutable strict parallel safe as
    $$ select encode(sha256(convert_to(normalized, 'UTF8')), 'hex') $$;

-- Finds the customers of a looked-up address by its hash.
create index customer_view_email_sha256 on customer_view (email_sha256(email_normalized));
