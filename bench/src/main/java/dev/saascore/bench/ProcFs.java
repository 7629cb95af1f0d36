package dev.saascore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
     * same server, count as "other"), the Redis server (shared with other runs: its share is an upper bound
     * of the run's own Redis work), and every other process by its id, with its name (kernel threads too: on the
     * Firecracker machines here, the host's DAMON monitor {@code kdamond.0} takes a core for 10-30 ms every ~0.55 s).
     */
    record CpuTicks(long total, long idle, long jvm, long postgres, long redis, Map<String, NamedTicks> others) {

        /** A process's name (kernel workers rename themselves after their current work) and CPU ticks so far. */
        record NamedTicks(String name, long ticks) {
        }

        static CpuTicks now(String database) {
            String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]); // idle + iowait
            long postgres = 0;
            long redis = 0;
            Map<String, NamedTicks> others = new HashMap<>();
            String self = Long.toString(ProcessHandle.current().pid());
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String stat = firstLine(process.resolve("stat"));
                    if (stat.contains("(postgres)") && ours(firstLine(process.resolve("cmdline")), database)) {
                        postgres += busyTicks(stat);
                    } else if (stat.contains("(redis-server)")) {
                        redis += busyTicks(stat);
                    } else if (!stat.isEmpty() && !process.getFileName().toString().equals(self)) {
                        others.put(process.getFileName().toString(), new NamedTicks(
                                stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), busyTicks(stat)));
                    }
                }
            } catch (IOException e) {
                postgres = 0;
                redis = 0;
                others.clear();
            }
            return new CpuTicks(total, idle, busyTicks(firstLine(Path.of("/proc/self/stat"))), postgres, redis,
                    others);
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
            Map<String, Double> otherShares = new HashMap<>();
            // process by process, shown by its latest name; those that ended in between are left out (their time no
            // longer shows), those that started count whole
            later.others.forEach((pid, process) -> otherShares.merge(process.name(), 100 * Math.max(0,
                    process.ticks() - (others.containsKey(pid) ? others.get(pid).ticks() : 0)) / span, Double::sum));
            return new CpuShare(jvmShare, postgresShare, redisShare,
                    Math.max(0, 100 - jvmShare - postgresShare - redisShare - idleShare), idleShare, otherShares);
        }

        /** utime + stime: fields 14 and 15, counted after the parenthesised command name. */
        static long busyTicks(String stat) {
            if (stat.isEmpty()) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }

    /** Percentages of all cores over a window; {@code otherByName}: the other processes' shares, by name. */
    record CpuShare(double jvm, double postgres, double redis, double other, double idle,
                    Map<String, Double> otherByName) {

        /** "other 13%", and the busiest other process when it took at least 1 %: "other 13% (kdamond.0 12%)". */
        String otherText() {
            return otherByName.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(busiest -> busiest.getValue() >= 1)
                    .map(busiest -> String.format("other %.0f%% (%s %.0f%%)", other, busiest.getKey(), busiest.getValue()))
                    .orElse(String.format("other %.0f%%", other));
        }

        @Override
        public String toString() {
            return String.format("cpu of all cores: this JVM %.0f%%, PostgreSQL %.0f%%, Redis %.0f%%, %s, idle %.0f%%",
                    jvm, postgres, redis, otherText(), idle);
        }
    }

    /**
     * CPU ticks of this JVM so far, in all and by thread (keyed by its id), each thread with its group: its name with
     * the numbers taken out (a pool's threads together; Linux keeps 15 characters of a name), or a readable label for
     * the known ones.
     */
    record ThreadTicks(long jvm, Map<String, GroupTicks> byThread) {

        /** One thread's group and its CPU ticks so far. */
        record GroupTicks(String group, long ticks) {
        }

        private static final Map<String, String> LABELS = new LinkedHashMap<>();

        static {
            LABELS.put("http-nio", "Tomcat request threads");
            LABELS.put("CompilerThre", "JIT compilers");
            LABELS.put("GC Thread", "garbage collector");
            LABELS.put("G1 ", "garbage collector");
            LABELS.put("ai-usage-outbox", "usage outbox pump (RecordAiUsage)");
            LABELS.put("WorkPackage[ai-", "ai-usage projection");
            LABELS.put("snapshotter", "snapshotter");
            LABELS.put("EmbeddedEventSt", "event store reader (tracking processors)");
            LABELS.put("stub-upstream", "stub upstream (bench)");
            LABELS.put("bench-", "load generator (bench)");
        }

        static ThreadTicks now() {
            Map<String, GroupTicks> threads = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String stat = firstLine(task.resolve("stat"));
                    if (!stat.isEmpty()) {
                        threads.put(task.getFileName().toString(), new GroupTicks(
                                group(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))),
                                CpuTicks.busyTicks(stat)));
                    }
                }
            } catch (IOException e) {
                threads.clear();
            }
            return new ThreadTicks(CpuTicks.busyTicks(firstLine(Path.of("/proc/self/stat"))), threads);
        }

        private static String group(String name) {
            return LABELS.entrySet().stream().filter(label -> name.contains(label.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(name.replaceAll("\\d+", "N"));
        }

        /**
         * The JVM's CPU between this and a later sample, split by group, largest first (groups under 2 % summed up
         * as "rest"); threads that ended in between (their time no longer shows per thread) as "ended threads".
         */
        String splitUntil(ThreadTicks later) {
            long total = Math.max(1, later.jvm - jvm);
            // thread by thread: a thread that ended in between must not take its whole life's time off its group
            Map<String, Long> used = new HashMap<>();
            later.byThread.forEach((tid, thread) -> {
                GroupTicks before = byThread.get(tid);
                used.merge(thread.group(), thread.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
            });
            long named = used.values().stream().mapToLong(Long::longValue).sum();
            used.put("ended threads", Math.max(0, total - named));
            StringBuilder text = new StringBuilder();
            long rest = 0;
            for (Map.Entry<String, Long> group : used.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
                if (group.getValue() * 50 < total) {
                    rest += Math.max(0, group.getValue());
                } else {
                    text.append(text.length() == 0 ? "" : ", ")
                            .append(String.format("%s %.0f%%", group.getKey(), 100.0 * group.getValue() / total));
                }
            }
            return text.append(String.format(", rest %.0f%%", 100.0 * rest / total)).toString();
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
