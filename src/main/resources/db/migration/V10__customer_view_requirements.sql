-- What each customer's billing requires at Circle and Kit now (JSON arrays of ids; null for rows written before):
-- read by another customer of the same address before it removes anything there (Circle and Kit know people by
-- e-mail address, not by Stripe customer).
alter table customer_view add column required_group_ids text;
alter table customer_view add column required_tag_ids text;
