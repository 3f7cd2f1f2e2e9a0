-- survey-service: campaigns, rounds, keys, the ballot roster, spent tokens, responses and outboxes.

create table campaign (
    id              uuid primary key,
    name            text not null,
    schedule        text not null,
    time_zone       text not null,
    round_duration  text not null,
    units           jsonb not null,
    items_per_round int not null,
    status          text not null default 'ACTIVE',
    created_at      timestamptz not null default now()
);

create table round (
    id             uuid primary key,
    campaign_id    uuid not null references campaign (id),
    sequence       int not null,
    status         text not null check (status in ('OPEN', 'CLOSED')),
    min_group_size int not null,
    opened_at      timestamptz not null,
    closes_at      timestamptz not null,
    items          jsonb not null,
    unique (campaign_id, sequence)
);
-- At most one open round per campaign, enforced by the database so two instances cannot both open one.
create unique index round_one_open_per_campaign on round (campaign_id) where status = 'OPEN';

create table round_unit (
    round_id          uuid not null references round (id),
    unit_id           text not null,
    unit_path         text not null,
    parent_unit_id    text,
    eligible          int not null,
    reporting_unit_id text not null,
    primary key (round_id, unit_id)
);

create table round_key (
    key_id             text primary key,
    round_id           uuid not null references round (id),
    unit_id            text not null,
    public_key         text not null,
    -- Private keys are sealed (AES-256-GCM, key from configuration) so a database dump cannot sign ballots.
    sealed_private_key bytea not null,
    unique (round_id, unit_id)
);

-- Anonymity: the roster says who may get a ballot and whether they got one. The person is an HMAC of
-- (round, subject) under a configured key, and no blinded message or signature is ever stored.
create table roster (
    round_id          uuid not null references round (id),
    subject_hash      bytea not null,
    reporting_unit_id text not null,
    ballot_issued     boolean not null default false,
    primary key (round_id, subject_hash)
);

-- Anonymity: a spent token is known only by the hash of its unblinded message, which the signer never saw.
create table spent_token (
    token_hash bytea primary key,
    round_id   uuid not null
);

-- Anonymity: a response has a random id, its round, its (already merged) reporting unit and the answers;
-- no column can hold a person, an address, a user agent, a session or a time.
create table response (
    id       uuid primary key,
    round_id uuid not null references round (id),
    unit_id  text not null,
    answers  jsonb not null
);

-- Anonymity: no sequence and no time; the relay takes rows in random-UUID order and shuffles each batch.
create table response_outbox (
    id       uuid primary key,
    round_id uuid not null,
    payload  bytea not null
);

-- Round lifecycle events are not about people; they keep their order so OPEN is never published after CLOSED.
create table round_outbox (
    seq      bigserial primary key,
    round_id uuid not null,
    payload  bytea not null
);
