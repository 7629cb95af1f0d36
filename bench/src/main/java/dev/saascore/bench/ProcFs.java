package dev.saascore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Memory and CPU time of processes, read from Linux's /proc (memory in KiB; 0 when a process is gone). */
final class ProcFs {

    private ProcFs() {
    }

    /** VmRSS: resident set, shared pages included. */
    static long rssKiB(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /**
     * Pss: resident set with each shared page divided among the processes that map it; sums of PSS over
     * several processes (PostgreSQL's backends share its buffers) do not count shared memory twice.
     */
    static long pssKiB(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /** The 1-minute load average: more than a core's worth before a run means someone else is busy. */
    static String loadAverage() {
        String[] fields = firstLine(Path.of("/proc/loadavg")).split(" ");
        return fields.length < 3 ? "n/a" : fields[0] + " " + fields[1] + " " + fields[2];
    }

    static long memTotalKiB() {
        return field(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /**
     * CPU ticks so far: the whole machine, its idle part, this JVM, PostgreSQL: its server processes plus
     * the backends connected to {@code database} (other databases' backends, e.g. another test run on the
     * same server, count as "other"), and the Redis server (shared with other runs: its share is an upper bound
     * of the run's own Redis work).
     */
    record CpuTicks(long total, long idle, long jvm, long postgres, long redis) {

        static CpuTicks now(String database) {
            String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            long postgres = 0;
            long redis = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String stat = firstLine(process.resolve("stat"));
                    if (stat.contains("(postgres)") && ours(firstLine(process.resolve("cmdline")), database)) {
                        postgres += busyTicks(stat);
                    } else if (stat.contains("(redis-server)")) {
                        redis += busyTicks(stat);
                    }
                }
            } catch (IOException e) {
                postgres = 0;
                redis = 0;
            }
            return new CpuTicks(total, idle, busyTicks(firstLine(Path.of("/proc/self/stat"))), postgres, redis);
        }

        /** A backend's title reads "postgres: 15/main: user database host(port) state". */
        private static boolean ours(String title, String database) {
            boolean backend = title.contains("(") || title.contains("[local]");
            return !backend || title.contains(" " + database + " ");
        }

        /** Shares of the machine's capacity (all cores) between {@code this} and a later sample. */
        CpuShare until(CpuTicks later) {
            double span = Math.max(1, later.total - total);
            double jvmShare = 100 * (later.jvm - jvm) / span;
            double postgresShare = 100 * (later.postgres - postgres) / span;
            double redisShare = 100 * (later.redis - redis) / span;
            double idleShare = 100 * (later.idle - idle) / span;
            return new CpuShare(jvmShare, postgresShare, redisShare,
                    Math.max(0, 100 - jvmShare - postgresShare - redisShare - idleShare), idleShare);
        }

        /** utime + stime: fields 14 and 15, counted after the parenthesised command name. */
        private static long busyTicks(String stat) {
            if (stat.isEmpty()) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    /** Percentages of all cores over a window. */
    record CpuShare(double jvm, double postgres, double redis, double other, double idle) {

        @Override
        public String toString() {
            return String.format("cpu of all cores: this JVM %.0f%%, PostgreSQL %.0f%%, Redis %.0f%%, other %.0f%%,"
                    + " idle %.0f%%", jvm, postgres, redis, other, idle);
        }
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
                }
            }
            return 0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
