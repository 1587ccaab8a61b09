#!/usr/bin/env bash
# The four HTTP workloads of issue 6 and their baseline, side by side in one run against the uber jar
# started with the run command's JVM options, on loopback, each run bounded in time:
#   ./mvnw -DskipTests package && src/bench/http-bench.sh [SECONDS=20] [CONNS=32]
# Needs wrk, curl, jq, bc (apt-get install wrk jq curl bc) and the team's wrk driver in ../shared/bench
# (or BENCH_DRIVER=path). Prints each run, then the ratios the issue asks for and the resident size.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-20}
CONNS=${2:-32}
DRIVER=${BENCH_DRIVER:-../shared/bench}
WORK=target/bench
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

[ -f target/user-management-micro.jar ] || { echo "run ./mvnw -DskipTests package first" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK" && cp -r "$DRIVER" "$WORK/driver"
# BENCH_JVM_OPTIONS replaces the run command's options, to compare a change side by side
JVM_OPTIONS=${BENCH_JVM_OPTIONS:-$(./mvnw -q -B help:evaluate -Dexpression=micro.jvm.options -DforceStdout)}
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
USERS_DATA_DIR="$WORK/data" "$JAVA" $JVM_OPTIONS -jar target/user-management-micro.jar --port "$PORT" > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/api/users/jwks/" >/dev/null && break; sleep 1; done
export USERAPI_PORT=$PORT BENCH_PID=$PID

run() { # profile workload seconds -> the driver's summary line
    "$WORK/driver/run.sh" "$1" "$2" "$3" "$CONNS" 2>&1 | tail -n 1
}
rate() { sed -E 's/.* ([0-9.]+) req\/s.*/\1/' <<< "$1"; }
hash_totals() { # seconds and count of password hashes so far, from the service's own metrics
    curl -s "http://127.0.0.1:$PORT/metrics?scope=application" \
        | awk '/^password_hash_time_seconds_sum/ {s=$2} /^password_hash_time_seconds_count/ {c=$2} END {print s+0, c+0}'
}

echo "warming up (results discarded)"
for w in me refresh login; do run userapi "$w" 8 > /dev/null; done
run userapi-baseline me 8 > /dev/null

BASELINE=$(run userapi-baseline me "$SECS"); echo "jwks     $BASELINE"
ME=$(run userapi me "$SECS"); echo "me       $ME"
REFRESH=$(run userapi refresh "$SECS"); echo "refresh  $REFRESH"
read -r SUM0 COUNT0 < <(hash_totals)
LOGIN=$(run userapi login "$SECS"); echo "login    $LOGIN"
REGISTER=$(run userapi register "$SECS"); echo "register $REGISTER"
read -r SUM1 COUNT1 < <(hash_totals)
RSS_KB=$(ps -o rss= -p "$PID" | tr -d ' ')

CORES=$(nproc)
HASH_MS=$(bc -l <<< "($SUM1 - $SUM0) / ($COUNT1 - $COUNT0) * 1000")
CEILING=$(bc -l <<< "$CORES * 1000 / $HASH_MS")
printf '\n%-38s %8s\n' "ratio (issue 6 target)" "measured"
printf '%-38s %8.2f\n' "me / jwks (>= 0.70)" "$(bc -l <<< "$(rate "$ME") / $(rate "$BASELINE")")"
printf '%-38s %8.2f\n' "refresh / jwks (>= 0.40)" "$(bc -l <<< "$(rate "$REFRESH") / $(rate "$BASELINE")")"
printf '%-38s %8.2f\n' "login / hash ceiling (>= 0.85)" "$(bc -l <<< "$(rate "$LOGIN") / $CEILING")"
printf '%-38s %8.2f\n' "register / hash ceiling (>= 0.85)" "$(bc -l <<< "$(rate "$REGISTER") / $CEILING")"
printf '%-38s %8.1f\n' "one Argon2id hash in this run (ms)" "$HASH_MS"
printf '%-38s %8.1f\n' "hash ceiling: $CORES cores / hash (1/s)" "$CEILING"
printf '%-38s %8d\n' "resident size after the runs (MB)" "$((RSS_KB / 1024))"
