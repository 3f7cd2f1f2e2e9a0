-- Rounds opened by the schedule remember the fire time they belong to. The unique constraint makes
-- "every scheduled round opens exactly once" hold even with several instances racing for it.
alter table round add column scheduled_for timestamptz;
alter table round add constraint round_once_per_fire_time unique (campaign_id, scheduled_for);
alter table campaign add column updated_at timestamptz not null default now();
