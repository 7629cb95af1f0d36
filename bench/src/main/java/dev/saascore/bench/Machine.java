package dev.saascore.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** What the numbers were measured on; printed with every table because they mean nothing without it. */
record Machine(int cores, double memoryGiB, String postgres, String jvm) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), ProcFs.memTotalKiB() / 1024.0 / 1024.0,
                postgresVersion(), System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                        + ", " + System.getProperty("java.vm.vendor") + ", " + collectors() + ")");
    }

    /** The garbage collector decides the pauses every latency figure carries. */
    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(" + "));
    }

    private static String postgresVersion() {
        try (Connection admin = DriverManager.getConnection(CommandThroughput.SERVER + "postgres",
                CommandThroughput.SUPERUSER, "");
             ResultSet row = admin.createStatement().executeQuery("SELECT version(),"
                     + " current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            String version = row.getString(1);
            // durability settings decide what a 1-row commit costs, so they belong next to the version
            return version.substring(0, version.indexOf(" on ") > 0 ? version.indexOf(" on ") : version.length())
                    + " (fsync=" + row.getString(2) + ", synchronous_commit=" + row.getString(3) + ")";
        } catch (SQLException e) {
            return "unreachable at 127.0.0.1:5432 (" + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return String.format("%d cores, %.1f GiB RAM, %s, JVM %s", cores, memoryGiB, postgres, jvm);
    }
}
