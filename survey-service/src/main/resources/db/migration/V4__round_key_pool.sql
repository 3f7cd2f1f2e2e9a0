-- Round keys generated ahead of a campaign's next round (pulse.keys.pregenerate-lead), so that opening a
-- round assigns keys instead of spending seconds of CPU on RSA key generation when the 09:00 burst starts.
-- Anonymity: a pool key belongs to a campaign and nothing else; no column can hold a person, a unit or a time.
-- Single use: opening a round deletes the keys it takes in its own transaction, and round_key.key_id is the
-- primary key, so one key can never serve two rounds or two units.
create table round_key_pool (
    key_id             text primary key,
    campaign_id        uuid not null references campaign (id),
    public_key         text not null,
    -- Sealed like round keys (AES-256-GCM under the configured key); the associated data names pool and key id.
    sealed_private_key bytea not null
);
create index round_key_pool_campaign on round_key_pool (campaign_id);
