-- The final number of responses survey-service accepted for a closed round (null while open, and for rounds closed
-- before survey-service published it). Results are shown only once that many are counted.
alter table round add column responses bigint;
