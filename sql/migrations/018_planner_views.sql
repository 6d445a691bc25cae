-- Planners keep their priority weight sets: a saved view holds the whole screen, weights included, so
-- planners get the saved views (and decks) that briefers have. They still may not edit records.
insert into role_permission (role_code, permission_code) values ('planner', 'manage_views')
on conflict do nothing;
