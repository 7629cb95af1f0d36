-- API keys of tenants (identity issue).
-- Global on purpose, like staff_credential: a request presents a key and is looked up by the key's hash
-- before any tenant is known. Only the SHA-256 hash of the whole key and its visible prefix are stored, never
-- the key. Only the command side reads or writes this table; tenants see their keys in read_model.api_key.
CREATE TABLE command_model.api_key (
    key_id               uuid PRIMARY KEY,
    tenant_id            uuid        NOT NULL REFERENCES command_model.tenant_registry (tenant_id),
    prefix               text        NOT NULL UNIQUE,
    secret_hash          text        NOT NULL UNIQUE,
    -- constant names of ApiScope, comma separated
    scopes               text        NOT NULL,
    expires_at           timestamptz,
    monthly_token_budget bigint CHECK (monthly_token_budget > 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- set in the revoking command's own transaction (subscribing command-model processor)
    revoked_at           timestamptz
);
CREATE INDEX api_key_tenant ON command_model.api_key (tenant_id);
