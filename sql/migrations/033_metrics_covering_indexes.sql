-- Covering indexes for the two period counts of unit_metrics() that read source rows (sql/functions/03_metrics.sql):
-- the models dissolved within the period and the outreach sessions held within it. With what the counts read
-- inside the index, a national query reads them without visiting the tables' rows (index-only scans): for the
-- whole country and nine months, 2,200 models and 21,000 sessions scattered over the tables' pages.
create index security_model_dissolved_cover_idx on security_model (dissolved_on)
  include (commune_code, village_code, type_code, lead_org_code) where dissolved_on is not null;
drop index security_model_dissolved_idx;
create index outreach_held_cover_idx on outreach_session (held_on) include (commune_code, village_code);
drop index outreach_date_idx;
