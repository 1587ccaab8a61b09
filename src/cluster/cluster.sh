#!/usr/bin/env bash
# Several instances as an operator runs them (README "Running several instances"): a PostgreSQL, N uber
# jars on it forming one data grid, and HAProxy in front with health checks, everything on 127.0.0.1.
# Needs the uber jar (./mvnw -DskipTests package) and a JDK 21+; installs Debian's haproxy and postgresql.
#   src/cluster/cluster.sh start [INSTANCES]   three by default; the service on 127.0.0.1:$CLUSTER_PORT (8080)
#   src/cluster/cluster.sh stop
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=postgres.sh
source src/cluster/postgres.sh

STATE=target/cluster
CLUSTER_PORT=${CLUSTER_PORT:-8080}
FIRST_HTTP_PORT=${FIRST_HTTP_PORT:-8081}
FIRST_GRID_PORT=${FIRST_GRID_PORT:-6901}
READY_TIMEOUT=${READY_TIMEOUT:-240}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

start() {
    local count=${1:-3} members="" i
    [ -f target/user-management-micro.jar ] || { echo "Build the uber jar first: ./mvnw -DskipTests package" >&2; exit 1; }
    mkdir -p "$STATE"
    if ! command -v haproxy > /dev/null; then
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy > /dev/null
    fi
    start_postgres
    echo "PG_DATA=$PG_DATA PG_BIN=$PG_BIN" > "$STATE/postgres.env"
    # The signing keys live in the database, sealed with this key; every instance needs the same one.
    [ -f "$STATE/key-encryption-key" ] || (umask 077 && head -c 32 /dev/urandom | base64 > "$STATE/key-encryption-key")
    for ((i = 0; i < count; i++)); do members+="${members:+,}127.0.0.1:$((FIRST_GRID_PORT + i))"; done
    for ((i = 0; i < count; i++)); do start_instance "$i" "$members"; done
    write_haproxy_config "$count"
    haproxy -D -f "$STATE/haproxy.cfg" -p "$STATE/haproxy.pid"
    wait_until_ready "$count"
}

# The grid finds its members on the listed loopback ports (no multicast); HAProxy's address is trusted
# for X-Forwarded-For, so that throttling counts each client's own address, not the balancer's.
start_instance() { # INDEX MEMBERS
    local launch=(-jar target/user-management-micro.jar)
    [ -f target/user-management.args ] && launch=("@target/user-management.args")
    # Payara Micro unpacks itself (~110 MB) into the temporary folder and removes it only on a clean
    # exit: here, so that a killed instance leaves it in target/cluster (until its next start), not in /tmp.
    rm -rf "$STATE/instance-$1-tmp" && mkdir -p "$STATE/instance-$1-tmp"
    USERS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/users" USERS_DB_USER=users USERS_DB_PASSWORD=users \
        USERS_DATA_DIR="$PWD/$STATE/instance-$1" \
        USERS_TOKEN_KEY_ENCRYPTION_KEY_FILE="$PWD/$STATE/key-encryption-key" \
        USERS_HTTP_TRUSTED_PROXIES=127.0.0.1 \
        nohup "$JAVA" -Djava.io.tmpdir="$PWD/$STATE/instance-$1-tmp" "${launch[@]}" --port $((FIRST_HTTP_PORT + $1)) \
        --clustermode "tcpip:$2" --startport $((FIRST_GRID_PORT + $1)) \
        > "$STATE/instance-$1.log" 2>&1 &
    echo $! > "$STATE/instance-$1.pid"
}

write_haproxy_config() { # COUNT
    local i
    {
        printf 'global\n    maxconn 4096\n\n'
        printf 'defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n'
        printf '    option forwardfor\n    # a connection refused is retried on another instance; a request once sent never is\n'
        printf '    option redispatch\n    retries 2\n\n'
        printf 'frontend users\n    bind 127.0.0.1:%s\n    default_backend instances\n\n' "$CLUSTER_PORT"
        printf 'backend instances\n    balance roundrobin\n    option httpchk GET /health/ready\n'
        printf '    http-check expect status 200\n    default-server inter 1s fall 2 rise 2\n'
        for ((i = 0; i < $1; i++)); do printf '    server instance-%s 127.0.0.1:%s check\n' "$i" $((FIRST_HTTP_PORT + i)); done
    } > "$STATE/haproxy.cfg"
}

wait_until_ready() { # COUNT: every instance ready, and HAProxy sending to them
    local deadline=$((SECONDS + READY_TIMEOUT)) i url
    for ((i = 0; i <= $1; i++)); do
        url="http://127.0.0.1:$((FIRST_HTTP_PORT + i))/health/ready"
        [ "$i" -eq "$1" ] && url="http://127.0.0.1:$CLUSTER_PORT/health/ready"
        until curl -sf -o /dev/null "$url"; do
            if [ $SECONDS -ge $deadline ]; then
                echo "$url not ready after $READY_TIMEOUT s; see $STATE/instance-*.log" >&2
                exit 1
            fi
            sleep 1
        done
    done
    echo "Ready: http://127.0.0.1:$CLUSTER_PORT/ (HAProxy) in front of $1 instances; logs in $STATE"
}

stop() {
    local pid_file
    for pid_file in "$STATE"/instance-*.pid "$STATE"/haproxy.pid; do
        [ -f "$pid_file" ] || continue
        kill "$(cat "$pid_file")" 2> /dev/null || true
        rm -f "$pid_file"
    done
    if [ -f "$STATE/postgres.env" ]; then
        # shellcheck disable=SC1091
        source "$STATE/postgres.env"
        stop_postgres
        rm -f "$STATE/postgres.env"
    fi
}

case "${1:-}" in
    start) start "${2:-3}" ;;
    stop) stop ;;
    *) echo "usage: $0 start [INSTANCES] | stop" >&2; exit 2 ;;
esac
