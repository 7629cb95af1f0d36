-- The two database roles of DESIGN.md section 4, rule 3. Run once per cluster as a superuser
-- (on RDS: the master user). Idempotent. The application runs this same file itself in embedded mode
-- and in tests, so what you read here is exactly what runs there.
--
--   saas_owner  owns the schemas and tables; Flyway connects as this role.
--   saas_app    the runtime role: owns nothing, cannot bypass row-level security.
--
-- Passwords are set separately (see bootstrap.sh), never committed.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saas_owner') THEN
        CREATE ROLE saas_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saas_app') THEN
        CREATE ROLE saas_app LOGIN;
    END IF;
END
$$;

-- Enforced every time, also for roles that existed before this script ran.
ALTER ROLE saas_owner NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE saas_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
