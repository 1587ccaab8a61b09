#!/usr/bin/env bash
# The WAR on WildFly and Payara Server (src/servers/run.sh), sourced by .ci/run after the Payara Micro passes:
# for each server the contract tests (DeployedWarIT), the public conformance suite when it is beside the
# checkout, and a restart that must keep users and keys; then WildFly once more on PostgreSQL.
set -euo pipefail

SERVERS_RUN=src/servers/run.sh
# The team's black-box suite: beside the checkout, or where this machine keeps it.
CONFORMANCE=${USERS_CONFORMANCE:-}
for candidate in ../shared/conformance/run.py /work/shared/conformance/run.py; do
    if [ -z "$CONFORMANCE" ] && [ -f "$candidate" ]; then CONFORMANCE=$candidate; fi
done
server_pid=

stop_server_pass() {
    if [ -n "$server_pid" ]; then
        "$SERVERS_RUN" stop "$server_pid"
        server_pid=
    fi
}

# shellcheck source=../src/servers/free-port.sh
source src/servers/free-port.sh

json_field() { # NAME: the string value of a top-level field of the JSON on stdin
    python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

post() { # PORT PATH BODY [TOKEN]: the body of the answer; fails on a status other than 200/201
    curl -sf -X POST -H 'Content-Type: application/json' ${4:+-H "Authorization: Bearer $4"} \
        --data "$3" "http://127.0.0.1:$1$2"
}

conformance() { # PORT
    if [ ! -f "$CONFORMANCE" ]; then
        echo "Conformance suite not found beside the checkout nor in /work/shared (set USERS_CONFORMANCE): skipped"
        return 0
    fi
    local result
    result=$(python3 "$CONFORMANCE" --base "http://127.0.0.1:$1" | tail -1)
    echo "conformance: $result"
    [[ "$result" == *" 0 failed"* ]]
}

# Register and log in, restart on the same data folder, then: the old access token is still accepted
# (the keys survived) and the user logs in again (the account survived).
restart_keeps_data() { # SERVER PORT DATA
    local name=restart$RANDOM$RANDOM access
    post "$2" /api/users/register/ "{\"username\":\"$name\",\"password\":\"Quiet-River-2024\"}" > /dev/null
    access=$(post "$2" /api/users/login/ "{\"username\":\"$name\",\"password\":\"Quiet-River-2024\"}" | json_field access)
    stop_server_pass
    server_pid=$("$SERVERS_RUN" start "$1" "$2" "$3")
    curl -sf -H "Authorization: Bearer $access" "http://127.0.0.1:$2/api/users/me/" | grep -q "\"username\":\"$name\""
    post "$2" /api/users/login/ "{\"username\":\"$name\",\"password\":\"Quiet-River-2024\"}" | json_field access > /dev/null
    echo "restart: $1 kept the user and the signing key"
}

server_pass() { # SERVER
    local port data started
    port=$(free_port)
    data=$(mktemp -d "${TMPDIR:-/tmp}/users-$1-XXXX")
    started=$SECONDS
    server_pid=$("$SERVERS_RUN" start "$1" "$port" "$data")
    echo "$1 answered on 127.0.0.1:$port after $((SECONDS - started)) s"
    ./mvnw -B test-compile failsafe:integration-test failsafe:verify -Dit.test=DeployedWarIT \
        -Dit.server.url="http://127.0.0.1:$port/" -Dit.server="$1"
    conformance "$port"
    restart_keeps_data "$1" "$port" "$data"
    stop_server_pass
    rm -rf "$data"
}

# WildFly on PostgreSQL, its pool sized by USERS_DB_MAX_POOL_SIZE (jboss-web.xml): the contract through
# it, then the pool's bound (.ci/pool_check.py). Needs src/cluster/postgres.sh sourced.
postgresql_pass() { # SERVER POOL_SIZE
    local port data
    port=$(free_port)
    data=$(mktemp -d "${TMPDIR:-/tmp}/users-$1-pg-XXXX")
    start_postgres
    server_pid=$(USERS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/users" USERS_DB_MAX_POOL_SIZE=$2 \
        "$SERVERS_RUN" start "$1" "$port" "$data")
    echo "$1 on PostgreSQL answered on 127.0.0.1:$port"
    conformance "$port"
    python3 .ci/pool_check.py --base "http://127.0.0.1:$port" --pg-port "$PG_PORT" --pool-size "$2"
    stop_server_pass
    stop_postgres
    rm -rf "$data"
}

run_server_passes() {
    trap 'stop_server_pass; stop_postgres' EXIT
    if ! command -v curl > /dev/null || ! command -v unzip > /dev/null; then
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl unzip # as_root: src/cluster/postgres.sh
    fi
    "$SERVERS_RUN" fetch
    server_pass wildfly
    server_pass payara-server
    postgresql_pass wildfly 5
}
