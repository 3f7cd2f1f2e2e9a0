-- A campaign's rotation rule as HR set it: {"anchorItems": ["<item id>", ...], "everyDimensionWithin": n}.
-- Campaigns created before the rule was configurable keep null, which means the default for their itemsPerRound.
alter table campaign add column rotation jsonb;
