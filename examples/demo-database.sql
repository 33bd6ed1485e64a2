-- The demo's Supabase-like database: the roles and auth.uid() Supabase provides, and a
-- profiles table that already matches desired-state.yaml except for one policy. The
-- subscriptions table is missing, so opsctl proposes to create it through a migration.
do $$ begin create role anon nologin; exception when duplicate_object then null; end $$;
do $$ begin create role authenticated nologin; exception when duplicate_object then null; end $$;
create schema if not exists auth;
create or replace function auth.uid() returns uuid language sql stable
    as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;

create table public.profiles (
    id uuid primary key,
    email text not null,
    full_name text,
    avatar_path text,
    created_at timestamptz not null default now()
);
create unique index profiles_email_key on public.profiles (email);
alter table public.profiles enable row level security;
create policy "read own profile" on public.profiles for select to authenticated using (auth.uid() = id);
