-- Read models for tenants (DESIGN.md section 4). Every table in read_model has tenant_id first in every
-- key, RLS enabled and forced, and the fail-closed policy; the catalog test checks all of it.

CREATE SCHEMA IF NOT EXISTS read_model;
GRANT USAGE ON SCHEMA read_model TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};

CREATE TABLE read_model.tenant_profile (
    tenant_id         uuid        NOT NULL PRIMARY KEY,
    name              text        NOT NULL,
    slug              text        NOT NULL,
    owner_name        text        NOT NULL,
    owner_email       text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    status_reason     text,
    status_changed_at timestamptz,
    onboarded_at      timestamptz NOT NULL
);
ALTER TABLE read_model.tenant_profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.tenant_profile FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.tenant_profile
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Cross-tenant figures for the platform operator (section 4, rule 6) live in their own schema, outside
-- the tenant read schema, and are served only to platform roles (the caller guard checks the role).
CREATE SCHEMA IF NOT EXISTS platform;
GRANT USAGE ON SCHEMA platform TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA platform GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};

-- Global on purpose: the platform-wide tenant directory, platform administrators only.
CREATE TABLE platform.tenant_directory (
    tenant_id         uuid        NOT NULL PRIMARY KEY,
    name              text        NOT NULL,
    slug              text        NOT NULL,
    owner_email       text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    status_reason     text,
    status_changed_at timestamptz,
    onboarded_at      timestamptz NOT NULL
);
CREATE INDEX tenant_directory_onboarded ON platform.tenant_directory (onboarded_at DESC);
