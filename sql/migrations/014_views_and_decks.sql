-- Saved map views and slide decks for briefings. A view's `state` is the client's full map state
-- (camera, layers, classification and locked breaks, filters, period, selection, language).
create table saved_view (
  id serial primary key,
  title text not null check (length(title) between 1 and 200),
  subtitle text not null default '' check (length(subtitle) <= 300),
  notes text not null default '' check (length(notes) <= 5000),
  state jsonb not null check (jsonb_typeof(state) = 'object' and length(state::text) <= 32768),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

create table deck (
  id serial primary key,
  title text not null check (length(title) between 1 and 200),
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

create table deck_view (
  deck_id integer not null references deck (id) on delete cascade,
  position integer not null check (position >= 0),
  view_id integer not null references saved_view (id) on delete cascade,
  primary key (deck_id, position)
);
create index deck_view_view_idx on deck_view (view_id);

grant select, insert, update, delete on saved_view, deck, deck_view to antt_reader;
grant usage on sequence saved_view_id_seq, deck_id_seq to antt_reader;
