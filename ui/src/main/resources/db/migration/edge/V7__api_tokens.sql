-- The API edge's token state (identity issue): signing keys and refresh tokens.
-- Deliberately global, without tenant RLS: a token is looked up by its hash before any tenant is known.
-- Nothing here is served to tenants; refresh tokens are stored only as SHA-256 hashes.

CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA auth GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};

-- Global on purpose (see above): the keys that sign access tokens, newest signs, older ones only verify.
CREATE TABLE auth.signing_key (
    kid          text PRIMARY KEY,
    private_jwk  text        NOT NULL,
    public_jwk   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- after this instant the key no longer signs; after verify_until it is no longer published
    sign_until   timestamptz NOT NULL,
    verify_until timestamptz NOT NULL
);

-- Global on purpose (see above): one row per refresh token; rotation chains tokens into a family.
CREATE TABLE auth.refresh_token (
    token_hash text PRIMARY KEY,
    family_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    tenant_id  uuid,
    email      text        NOT NULL,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_token_family ON auth.refresh_token (family_id);
