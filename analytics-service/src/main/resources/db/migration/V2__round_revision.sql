-- Every stored round event bumps the round's revision. Together with the number of responses counted for
-- the round it versions everything results are computed from, so cached results of a closed round are
-- recomputed as soon as either changes (a late answer, a re-published or re-opened round).
alter table round add column revision bigint not null default 0;
