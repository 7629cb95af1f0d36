package dev.saascore.ui.isolation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL's catalog and lists every breach of DESIGN.md section 4 it can see: read-model tables
 * without RLS enabled and forced, without a fail-closed tenant policy, without tenant_id leading every
 * index, non-invoker views, SECURITY DEFINER functions, and a runtime role that can bypass RLS or owns
 * anything.
 */
final class RlsCatalog {

    static final String READ_SCHEMA = "read_model";

    private RlsCatalog() {
    }

    static List<String> violations(Connection connection, String runtimeRole) throws SQLException {
        List<String> violations = new ArrayList<>();
        for (String table : strings(connection, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """, READ_SCHEMA)) {
            violations.add(table + ": row-level security is not both enabled and forced");
        }
        for (String table : strings(connection, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                      AND pg_get_expr(p.polqual, p.polrelid) LIKE '%NULLIF(current_setting(''app.current_tenant''::text, true), ''''::text)%'
                      AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%NULLIF(current_setting(''app.current_tenant''::text, true), ''''::text)%')
                """, READ_SCHEMA)) {
            violations.add(table + ": no fail-closed tenant policy (USING and WITH CHECK on app.current_tenant)");
        }
        for (String table : strings(connection, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
                      AND a.attnotnull AND a.atttypid = 'uuid'::regtype)
                """, READ_SCHEMA)) {
            violations.add(table + ": no tenant_id uuid NOT NULL column");
        }
        for (String index : strings(connection, """
                SELECT i.relname FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
                WHERE n.nspname = ? AND (a.attname IS DISTINCT FROM 'tenant_id')
                """, READ_SCHEMA)) {
            violations.add(index + ": index, key or unique constraint does not start with tenant_id");
        }
        for (String view : strings(connection, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind = 'v'
                  AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
                """, READ_SCHEMA)) {
            violations.add(view + ": view is not security_invoker");
        }
        for (String function : strings(connection, """
                SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname = ?
                """, READ_SCHEMA)) {
            violations.add(function + ": SECURITY DEFINER function in the read schema");
        }
        for (String flag : strings(connection, """
                SELECT 'superuser' FROM pg_roles WHERE rolname = ? AND rolsuper
                UNION ALL SELECT 'bypassrls' FROM pg_roles WHERE rolname = ? AND rolbypassrls
                """, runtimeRole, runtimeRole)) {
            violations.add(runtimeRole + ": runtime role is " + flag);
        }
        for (String owned : strings(connection, """
                SELECT n.nspname || '.' || c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
                WHERE r.rolname = ?
                UNION ALL SELECT n.nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = ?
                """, runtimeRole, runtimeRole)) {
            violations.add(owned + ": owned by the runtime role " + runtimeRole);
        }
        return violations;
    }

    private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
