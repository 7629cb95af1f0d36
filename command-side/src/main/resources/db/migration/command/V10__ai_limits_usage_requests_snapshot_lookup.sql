-- The AI gateway's command model (issue 4). Global on purpose, like tenant_registry: the gateway asks for a
-- tenant's limits before it admits a call, and usage recording checks request ids across all meters. Only the
-- command side reads or writes these tables; tenants see their usage in the read_model.ai_usage_* tables.

-- Limits a platform administrator set (AiLimitsSet), kept in the setting command's own transaction by the
-- command-model processor. A tenant without a row runs on the configured defaults (saas.ai.default-limits).
CREATE TABLE command_model.ai_limits (
    tenant_id               uuid PRIMARY KEY REFERENCES command_model.tenant_registry (tenant_id),
    monthly_token_budget    bigint      NOT NULL CHECK (monthly_token_budget > 0),
    requests_per_minute     integer     NOT NULL CHECK (requests_per_minute > 0),
    max_concurrent_requests integer     NOT NULL CHECK (max_concurrent_requests > 0),
    updated_at              timestamptz NOT NULL
);

-- Every request id the usage meters have recorded (settled calls and refusals alike): recording claims the ids
-- of a batch here first, in the command's transaction, and records only the ids it could claim. That makes
-- recording idempotent across retries, redeliveries and nodes.
CREATE TABLE command_model.ai_usage_request (
    request_id  uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES command_model.tenant_registry (tenant_id),
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Axon looks for an aggregate's latest snapshot (and deletes older ones) by aggregate identifier, on every load of
-- every aggregate. V1's primary key starts with sequence_number, so now that the usage meters take snapshots each
-- such lookup would scan the whole table without this index.
CREATE INDEX snapshot_event_entry_aggregate
    ON event_store.snapshot_event_entry (aggregate_identifier, sequence_number DESC);
