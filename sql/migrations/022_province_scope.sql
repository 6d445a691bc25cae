-- A scope can name whole provinces as well as communes: a provincial user sees every commune of the
-- province, today's and any merged into it later, without an administrator listing them. At sign-in the
-- provinces are expanded into their communes (api/src/auth/sessions.ts), so row-level security keeps the
-- one test antt_in_scope() on commune codes.
create table user_province_scope (
  user_id integer not null references app_user (id) on delete cascade,
  province_code text not null references province (code),
  primary key (user_id, province_code)
);
grant select, insert, update, delete on user_province_scope to antt_admin;
