-- A shop may use several providers. A payment names the one it is at (a failover moves it to the
-- next before that one is called), and the inbox names the provider whose endpoint received each
-- event. Transaction ids and event ids are the providers' own, so two providers may use the same
-- one: a payment is found by (provider, transaction id) and an event is unique by (provider, event
-- id). Rows from before this migration were all of the one provider a shop had, 'default'. The same
-- DDL on both databases.
alter table payments add column provider varchar(32) default 'default' not null;
drop index payments_transaction_ix;
create index payments_transaction_ix on payments (provider, transaction_id);

alter table webhook_inbox add column provider varchar(32) default 'default' not null;
alter table webhook_inbox drop constraint webhook_inbox_pk;
alter table webhook_inbox add constraint webhook_inbox_pk primary key (provider, event_id);
