-- Analytics keeps only counts. Anonymity: counted_response stores nothing but the random response id
-- (for de-duplication); no table here has a column for a person, an address or a per-response time.

-- The latest state of each round as published on pulse.rounds (a round-level view, never per person).
create table round (
    round_id       uuid         primary key,
    campaign_id    uuid         not null,
    sequence       integer      not null,
    status         varchar(16)  not null check (status in ('OPEN', 'CLOSED')),
    min_group_size integer      not null,
    opened_at      timestamptz,
    closes_at      timestamptz
);
create index round_campaign_sequence on round (campaign_id, sequence);

create table round_unit (
    round_id          uuid          not null references round (round_id) on delete cascade,
    unit_id           varchar(255)  not null,
    unit_path         varchar(1024) not null,
    parent_unit_id    varchar(255),
    eligible          integer       not null,
    reporting_unit_id varchar(255)  not null,
    primary key (round_id, unit_id)
);

create table round_item (
    round_id  uuid         not null references round (round_id) on delete cascade,
    position  integer      not null,
    item_id   varchar(255) not null,
    dimension varchar(255) not null,
    reverse   boolean      not null,
    primary key (round_id, item_id)
);

-- One row per response ever counted; a second delivery of the same id is a no-op.
create table counted_response (
    response_id uuid primary key
);

-- Respondents per reporting unit. No foreign key to round: responses may arrive before their round event.
create table unit_aggregate (
    round_id    uuid         not null,
    unit_id     varchar(255) not null,
    respondents bigint       not null,
    primary key (round_id, unit_id)
);

-- Raw answers (as given, before reverse-keying) per reporting unit and item.
create table item_aggregate (
    round_id   uuid         not null,
    unit_id    varchar(255) not null,
    item_id    varchar(255) not null,
    answers    bigint       not null,
    answer_sum bigint       not null,
    h1         bigint       not null,
    h2         bigint       not null,
    h3         bigint       not null,
    h4         bigint       not null,
    h5         bigint       not null,
    primary key (round_id, unit_id, item_id),
    check (answers = h1 + h2 + h3 + h4 + h5),
    check (answer_sum = h1 + 2 * h2 + 3 * h3 + 4 * h4 + 5 * h5)
);
