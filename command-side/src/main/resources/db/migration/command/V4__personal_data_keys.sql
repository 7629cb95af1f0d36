-- One encryption key per data subject for the personal data inside events (DESIGN.md section 3).
-- Erasing a subject = setting its secret to NULL: every event holding that person's data becomes
-- unreadable for that field, while the events themselves stay untouched.
-- Deliberately global, without tenant RLS: the event serializer reads keys while handling events of any
-- tenant; nothing here is served to tenants, and a key alone reveals no personal data.

CREATE SCHEMA IF NOT EXISTS privacy;
GRANT USAGE ON SCHEMA privacy TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA privacy GRANT SELECT, INSERT, UPDATE ON TABLES TO ${app_role};

CREATE TABLE privacy.subject_key (
    subject_id uuid PRIMARY KEY,
    secret     bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at  timestamptz,
    CHECK ((secret IS NULL) = (erased_at IS NOT NULL))
);
