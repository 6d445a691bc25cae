-- Security models, their history and evaluations; incidents; outreach; certifications; funding.

create table security_model (
  id text primary key,
  name text not null,
  type_code text not null references model_type (code),
  commune_code text not null references commune (code),
  village_code text references village (code),
  lead_org_code text not null references lead_org (code),
  founded_on date not null,
  members integer not null default 0 check (members >= 0),
  equipment text,
  exemplary boolean not null default false,
  replicated_from text references security_model (id),
  -- current status; the dated history is in security_model_status
  status text not null check (status in ('active', 'weak', 'dissolved')),
  dissolved_on date,
  dissolved_reason text,
  point geometry(Point, 4326),
  updated_at timestamptz not null default now(),
  check ((status = 'dissolved') = (dissolved_on is not null)),
  check (dissolved_on is null or dissolved_on >= founded_on),
  check (replicated_from is null or replicated_from <> id)
);
create index security_model_commune_idx on security_model (commune_code);
create index security_model_village_idx on security_model (village_code);
create index security_model_type_idx on security_model (type_code);
create index security_model_founded_idx on security_model (founded_on);
create index security_model_point_idx on security_model using gist (point);

create table security_model_status (
  model_id text not null references security_model (id) on delete cascade,
  status text not null check (status in ('active', 'weak', 'dissolved')),
  valid_from date not null,
  valid_to date,
  reason text,
  primary key (model_id, valid_from),
  check (valid_to is null or valid_to > valid_from)
);
create index security_model_status_period_idx on security_model_status (valid_from, valid_to);

create table evaluation (
  id text primary key,
  model_id text not null references security_model (id) on delete cascade,
  evaluated_on date not null,
  rating_code text not null references rating (code),
  evaluator text,
  note text,
  unique (model_id, evaluated_on)
);
create index evaluation_model_date_idx on evaluation (model_id, evaluated_on desc);
create index evaluation_date_idx on evaluation (evaluated_on);

create table incident (
  id text primary key,
  category_code text not null references incident_category (code),
  occurred_on date not null,
  commune_code text not null references commune (code),
  village_code text references village (code),
  severity smallint not null check (severity between 1 and 3),
  -- 'exact' or 'approximate' (often only the village is known)
  precision text not null default 'approximate' check (precision in ('exact', 'approximate')),
  point geometry(Point, 4326) not null,
  summary text
);
create index incident_date_idx on incident (occurred_on);
create index incident_commune_date_idx on incident (commune_code, occurred_on);
create index incident_village_date_idx on incident (village_code, occurred_on);
create index incident_category_date_idx on incident (category_code, occurred_on);
create index incident_point_idx on incident using gist (point);

create table outreach_session (
  id text primary key,
  commune_code text not null references commune (code),
  village_code text references village (code),
  held_on date not null,
  topic text not null,
  lead_org_code text references lead_org (code),
  attendees integer not null check (attendees >= 0)
);
create index outreach_commune_date_idx on outreach_session (commune_code, held_on);
create index outreach_date_idx on outreach_session (held_on);

create table safety_certification (
  id text primary key,
  subject_kind text not null check (subject_kind in ('village', 'commune', 'school', 'enterprise')),
  subject_name text not null,
  commune_code text not null references commune (code),
  village_code text references village (code),
  year integer not null check (year between 2000 and 2100),
  certified boolean not null,
  check ((subject_kind = 'village') = (village_code is not null))
);
create index safety_certification_commune_year_idx on safety_certification (commune_code, year);

create table funding_allocation (
  id text primary key,
  commune_code text not null references commune (code),
  model_id text references security_model (id),
  year integer not null check (year between 2000 and 2100),
  amount_vnd bigint not null check (amount_vnd >= 0),
  source text not null,
  purpose text
);
create index funding_commune_year_idx on funding_allocation (commune_code, year);
