-- The command side's own lookup tables (set-based checks that no single aggregate can make).
-- Deliberately global, without tenant RLS: sign-in looks an e-mail up before any tenant is known, and
-- slugs are unique across the platform. Only the command side reads or writes them; nothing here is
-- served to tenants.

CREATE SCHEMA IF NOT EXISTS command_model;
GRANT USAGE ON SCHEMA command_model TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA command_model GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};

-- Global on purpose (see above): one row per tenant, slug claimed platform-wide.
CREATE TABLE command_model.tenant_registry (
    tenant_id uuid PRIMARY KEY,
    slug      text NOT NULL UNIQUE,
    status    text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED'))
);

-- Global on purpose (see above): sign-in credentials; password hashes never enter events.
CREATE TABLE command_model.staff_credential (
    user_id       uuid PRIMARY KEY,
    tenant_id     uuid REFERENCES command_model.tenant_registry (tenant_id),
    email         text        NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_credential_tenant ON command_model.staff_credential (tenant_id);
