-- The team of each tenant (RLS, like every read_model table).

CREATE TABLE read_model.staff_member (
    tenant_id    uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    email        text        NOT NULL,
    display_name text,
    role         text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'DEACTIVATED')),
    invited_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
ALTER TABLE read_model.staff_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE read_model.staff_member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON read_model.staff_member
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);
