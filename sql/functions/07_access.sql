-- The date range of all incidents, whatever the caller's scope (dates only, nothing sensitive).
create or replace function data_range() returns table (first_date date, last_date date)
language sql stable security definer set search_path = public as $$
  select min(occurred_on), max(occurred_on) from incident
$$;
