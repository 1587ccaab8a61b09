#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:$PG_PORT with database and user "users" (password "users").
# Sourced by .ci/run and src/cluster/cluster.sh; stop_postgres ends it. Installs Debian's postgresql when it is missing.
PG_PORT=${PG_PORT:-55432}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

start_postgres() {
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || ! id postgres >/dev/null 2>&1; then
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    PG_DATA=$(mktemp -d /tmp/users-pg.XXXXXX)
    local password_file
    password_file=$(mktemp /tmp/users-pg-password.XXXXXX)
    echo postgres > "$password_file"
    as_root chown postgres:postgres "$PG_DATA" "$password_file"
    as_root runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -A scram-sha-256 -U postgres --pwfile="$password_file" >/dev/null
    rm -f "$password_file"
    as_root runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA" start >/dev/null
    PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
        -c "CREATE USER users PASSWORD 'users'" -c "ALTER ROLE users SET lock_timeout = '5s'" \
        -c "CREATE DATABASE users OWNER users"
}

stop_postgres() {
    if [ -n "${PG_DATA:-}" ]; then
        as_root runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
        as_root rm -rf "$PG_DATA"
    fi
}
