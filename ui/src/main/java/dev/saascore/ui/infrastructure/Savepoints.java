package dev.saascore.ui.infrastructure;

import org.axonframework.common.transaction.Transaction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Savepoints on the running transaction's JDBC connection (the one the JPA transaction manager exposes to JDBC
 * code), for work that must be undone alone when it fails without aborting the transaction around it. Direct JDBC
 * because Spring's nested JPA transactions are not supported by the Hibernate dialect.
 */
@Component
class Savepoints {

    // looked up at first use: Axon asks for handler enhancers while the context is still being built
    private final ObjectProvider<DataSource> dataSource;

    Savepoints(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** A savepoint as an Axon transaction: commit releases it, rollback returns to it. */
    Transaction begin() {
        Connection connection = DataSourceUtils.getConnection(dataSource.getObject());
        Savepoint savepoint = sql(connection::setSavepoint);
        return new Transaction() {
            @Override
            public void commit() {
                sql(() -> {
                    connection.releaseSavepoint(savepoint);
                    return null;
                });
            }

            @Override
            public void rollback() {
                sql(() -> {
                    connection.rollback(savepoint);
                    return null;
                });
            }
        };
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("Savepoint failed: " + e.getMessage(), e);
        }
    }
}
