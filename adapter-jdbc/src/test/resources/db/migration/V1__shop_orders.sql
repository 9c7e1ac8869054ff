-- A host application's own first migration, in Flyway's default location, beside Paykit's tables.
create table shop_orders (
    id     varchar(64)  not null,
    total  bigint       not null,
    constraint shop_orders_pk primary key (id)
);
