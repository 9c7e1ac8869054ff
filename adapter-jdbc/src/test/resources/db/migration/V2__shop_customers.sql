-- The host's second migration: version 2, as Paykit's own V2 is.
create table shop_customers (
    id     varchar(64)  not null,
    email  varchar(255) not null,
    constraint shop_customers_pk primary key (id)
);
