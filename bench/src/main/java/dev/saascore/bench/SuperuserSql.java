package dev.saascore.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One-number look-ups the harness makes beside the application, as the machine's PostgreSQL superuser. */
final class SuperuserSql {

    private SuperuserSql() {
    }

    /** The first column of the first row (0 without rows) of {@code query} in {@code database}. */
    static long single(String database, String query, Object... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection(CommandThroughput.SERVER + database,
                CommandThroughput.SUPERUSER, "");
             PreparedStatement statement = db.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }
}
