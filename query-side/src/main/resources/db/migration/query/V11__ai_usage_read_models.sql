-- Each tenant's AI usage (issue 4), RLS like every read_model table. Fed by the ai-usage projection; costs are
-- exact at six decimals (they become fils only on invoice lines).

-- One row per recorded call: the projection's idempotency anchor (the sums below grow only when a call's row is
-- new, so a redelivered event changes nothing).
CREATE TABLE read_model.ai_usage_call (
    tenant_id         uuid          NOT NULL,
    request_id        uuid          NOT NULL,
    -- billing period, e.g. 2026-11, and UTC day of the call
    period            text          NOT NULL,
    day               date          NOT NULL,
    model             text          NOT NULL,
    -- a staff member's user id, or apikey:<key id>
    actor_id          text          NOT NULL,
    prompt_tokens     bigint        NOT NULL,
    completion_tokens bigint        NOT NULL,
    cost_kwd          numeric(18,6) NOT NULL,
    latency_ms        bigint        NOT NULL,
    streamed          boolean       NOT NULL,
    occurred_at       timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, request_id)
);
ALTER TABLE read_model.ai_usage_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.ai_usage_call FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.ai_usage_call
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Usage by day x model x user or key: the Usage view's chart and table, and the per-key totals.
CREATE TABLE read_model.ai_usage_daily (
    tenant_id         uuid          NOT NULL,
    day               date          NOT NULL,
    model             text          NOT NULL,
    actor_id          text          NOT NULL,
    calls             bigint        NOT NULL,
    prompt_tokens     bigint        NOT NULL,
    completion_tokens bigint        NOT NULL,
    cost_kwd          numeric(18,6) NOT NULL,
    PRIMARY KEY (tenant_id, day, model, actor_id)
);
ALTER TABLE read_model.ai_usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.ai_usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.ai_usage_daily
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- A tenant's period: what its quota counters are rebuilt from, and the banner's figures.
CREATE TABLE read_model.ai_usage_period (
    tenant_id      uuid          NOT NULL,
    period         text          NOT NULL,
    tokens         bigint        NOT NULL DEFAULT 0,
    cost_kwd       numeric(18,6) NOT NULL DEFAULT 0,
    calls          bigint        NOT NULL DEFAULT 0,
    rejected       bigint        NOT NULL DEFAULT 0,
    -- the budget the last recorded call was admitted against; 0 before any call
    token_budget   bigint        NOT NULL DEFAULT 0,
    reached_80_at  timestamptz,
    reached_100_at timestamptz,
    PRIMARY KEY (tenant_id, period)
);
ALTER TABLE read_model.ai_usage_period ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.ai_usage_period FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.ai_usage_period
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Refused calls and why, for auditors (one row per request id, like calls).
CREATE TABLE read_model.ai_rejection (
    tenant_id   uuid        NOT NULL,
    request_id  uuid        NOT NULL,
    period      text        NOT NULL,
    day         date        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    text        NOT NULL,
    -- null when the call was refused before its model was known
    model       text,
    reason      text        NOT NULL,
    detail      text,
    PRIMARY KEY (tenant_id, request_id)
);
CREATE INDEX ai_rejection_day ON read_model.ai_rejection (tenant_id, day);
ALTER TABLE read_model.ai_rejection ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.ai_rejection FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.ai_rejection
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- A replay starts these tables over for all tenants at once, which RLS-bound DELETEs cannot do (they see one
-- tenant). TRUNCATE is not subject to RLS; the runtime role may run it on these four tables only, and only the
-- projection's reset handler does.
GRANT TRUNCATE ON read_model.ai_usage_call, read_model.ai_usage_daily, read_model.ai_usage_period,
    read_model.ai_rejection TO ${app_role};
