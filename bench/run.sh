#!/usr/bin/env bash
# Builds what the benchmark needs, then runs it. From anywhere:
#   bench/run.sh [--only p1|p3|p4|p6|p7] [--p1-seconds 20] [--p3-seconds 10] [--p6-events 100000] ...
# (every option in docs/benchmarks.md)
# Needs PostgreSQL on 127.0.0.1:5432 (superuser postgres, trust auth) and Redis on 127.0.0.1:6379.
# BENCH_JAVA_OPTS adds options to the bench JVM (e.g. -XX:StartFlightRecording=filename=p1.jfr to profile P1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p bench/target
LOG=bench/target/build.log

# One reactor build from the root: the exec jar for P7, and bench's classpath (pointing at the modules'
# target/ jars, never at ~/.m2 snapshots) for P1. No `install`. Offline first; online once if that fails.
echo "Building (log: $LOG) ..."
if ! ./mvnw -B -o -DskipTests package >"$LOG" 2>&1; then
    echo "Offline build failed; retrying once with dependency downloads ..."
    ./mvnw -B -DskipTests package >"$LOG" 2>&1 || { tail -n 30 "$LOG"; exit 1; }
fi

CP="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/runtime-classpath.txt)"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.saascore.bench.BenchMain --repo-root "$ROOT" "$@"
