package dev.saascore.ui.infrastructure;

/** Accepts DATABASE_URL as a JDBC URL or in the common {@code postgres(ql)://host:port/db} form. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String toJdbc(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            return databaseUrl;
        }
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (databaseUrl.startsWith(scheme)) {
                String rest = databaseUrl.substring(scheme.length());
                int at = rest.lastIndexOf('@');
                if (at >= 0) {
                    throw new IllegalArgumentException("DATABASE_URL must not carry credentials: set "
                            + "DATABASE_APP_USER/PASSWORD and DATABASE_OWNER_USER/PASSWORD instead");
                }
                return "jdbc:postgresql://" + rest;
            }
        }
        throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql:, postgresql:// or postgres://");
    }
}
