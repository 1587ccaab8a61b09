#!/usr/bin/env python3
"""Shows that a server's connection pool stops at its size (README "Running several instances").

Registers N users, then, while this script holds an exclusive lock on the sessions table, ends their N
sessions at once: each waiting logout holds a pooled connection, so the most connections the service has
open at one time is its pool size, if N is larger. Needs psql and the throwaway PostgreSQL of
src/cluster/postgres.sh (user postgres, password postgres).
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

PASSWORD = "Quiet-River-2024"


def post(base, path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, None


def psql(port, *arguments):
    command = ["psql", "-tAq", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "users", *arguments]
    return subprocess.Popen(command, env={**os.environ, "PGPASSWORD": "postgres"},
                            stdout=subprocess.PIPE, text=True)


def service_connections(port):
    query = "SELECT count(*) FROM pg_stat_activity WHERE usename = 'users'"
    return int(psql(port, "-c", query).communicate()[0].strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--pool-size", type=int, required=True)
    parser.add_argument("--logouts", type=int, default=20)
    options = parser.parse_args()
    refresh_tokens = []
    for i in range(options.logouts):
        name = "pool%d_%d" % (os.getpid(), i)
        post(options.base, "/api/users/register/", {"username": name, "password": PASSWORD})
        refresh_tokens.append(post(options.base, "/api/users/login/", {"username": name, "password": PASSWORD})[1]["refresh"])
    locker = psql(options.pg_port, "-c", "BEGIN; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;")
    time.sleep(0.3)
    statuses = []
    logouts = [threading.Thread(target=lambda t=token: statuses.append(post(options.base, "/api/users/logout/", {"refresh": t})[0]))
               for token in refresh_tokens]
    for logout in logouts:
        logout.start()
    peak = 0
    while any(logout.is_alive() for logout in logouts):
        peak = max(peak, service_connections(options.pg_port))
        time.sleep(0.1)
    locker.wait()
    print("pool of %d: %d connections at most during %d logouts, answers %s"
          % (options.pool_size, peak, options.logouts, sorted(set((s, statuses.count(s)) for s in statuses))))
    if peak > options.pool_size or peak < min(options.pool_size, options.logouts) or any(s not in (200, 503) for s in statuses):
        sys.exit(1)


if __name__ == "__main__":
    main()
