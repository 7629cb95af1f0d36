#!/usr/bin/env bash
# Creates the roles and the database for a deployment on an existing PostgreSQL server.
# Usage (as a superuser connection, e.g. PGHOST/PGUSER/PGPASSWORD set for the RDS master user):
#   OWNER_PASSWORD=... APP_PASSWORD=... DATABASE=saas infra/postgres/bootstrap.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
database=${DATABASE:-saas}

psql -v ON_ERROR_STOP=1 -d postgres -f "$here/bootstrap.sql"
# psql variables quote the passwords safely (:'name'), so no password is spliced into SQL text.
psql -v ON_ERROR_STOP=1 -d postgres -v owner_pw="${OWNER_PASSWORD:?set OWNER_PASSWORD}" \
     -v app_pw="${APP_PASSWORD:?set APP_PASSWORD}" <<'SQL'
ALTER ROLE saas_owner PASSWORD :'owner_pw';
ALTER ROLE saas_app PASSWORD :'app_pw';
SQL
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    createdb -O saas_owner "$database"
fi
psql -v ON_ERROR_STOP=1 -d "$database" -c "REVOKE ALL ON DATABASE \"$database\" FROM PUBLIC; GRANT CONNECT ON DATABASE \"$database\" TO saas_app;"
echo "Database $database is ready: Flyway connects as saas_owner, the application as saas_app."
