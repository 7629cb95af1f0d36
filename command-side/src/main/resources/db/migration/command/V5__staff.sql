-- Staff beyond the first owner: deactivation and invitations.

ALTER TABLE command_model.staff_credential ADD COLUMN active boolean NOT NULL DEFAULT true;

-- Global on purpose (like staff_credential): an invitation is redeemed by whoever holds its link, before
-- any tenant is known. Only the SHA-256 hash of the single-use token is stored.
CREATE TABLE command_model.staff_invitation (
    user_id     uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES command_model.tenant_registry (tenant_id),
    email       text        NOT NULL UNIQUE CHECK (email = lower(email)),
    role        text        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz
);
