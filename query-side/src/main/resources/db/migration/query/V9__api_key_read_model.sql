-- Each tenant's API keys as its owners and admins see them (RLS, like every read_model table).
-- Never the key or its hash: only the visible prefix.

CREATE TABLE read_model.api_key (
    tenant_id            uuid        NOT NULL,
    key_id               uuid        NOT NULL,
    name                 text        NOT NULL,
    prefix               text        NOT NULL,
    -- constant names of ApiScope, comma separated
    scopes               text        NOT NULL,
    expires_at           timestamptz,
    monthly_token_budget bigint,
    created_at           timestamptz NOT NULL,
    revoked_at           timestamptz,
    revoked_reason       text,
    PRIMARY KEY (tenant_id, key_id)
);
ALTER TABLE read_model.api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.api_key
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);
