#!/usr/bin/env python3
"""Kills one instance behind the load balancer (README "Running several instances") and keeps using it.

Through HAProxy: users registered and logged in before; then register, log in and GET /me one after
another while one instance gets SIGKILL. HAProxy retries a refused connection on another instance and
drops the dead one after two failed health checks, so at most the one request in flight at the kill may
fail. Afterwards every acknowledged registration logs in and every earlier access token is still accepted.
"""
import argparse
import json
import os
import signal
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "Quiet-River-2024"


def call(base, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data, headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, None
    except OSError:
        return 0, None


def register_and_login(base, name):
    """The statuses of the three calls, and the access token when the login worked."""
    registered = call(base, "/api/users/register/", {"username": name, "password": PASSWORD})[0]
    logged_in, tokens = call(base, "/api/users/login/", {"username": name, "password": PASSWORD})
    access = tokens["access"] if logged_in == 200 else None
    me = call(base, "/api/users/me/", token=access)[0] if access else 0
    return (registered, logged_in, me), access


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, required=True, help="the instance to kill")
    parser.add_argument("--seconds", type=float, default=8)
    options = parser.parse_args()
    prefix = "failover%d_" % os.getpid()
    earlier = [register_and_login(options.base, "%searly%d" % (prefix, i))[1] for i in range(6)]
    acknowledged, failed, cycles, killed = [], [], 0, False
    start = time.monotonic()
    while time.monotonic() - start < options.seconds:
        if not killed and time.monotonic() - start > 1:
            os.kill(options.pid, signal.SIGKILL)
            killed = True
        name = "%s%d" % (prefix, cycles)
        statuses, _ = register_and_login(options.base, name)
        cycles += 1
        if statuses[0] == 201:
            acknowledged.append(name)
        if statuses != (201, 200, 200):
            failed.append(statuses)
    lost = [name for name in acknowledged
            if call(options.base, "/api/users/login/", {"username": name, "password": PASSWORD})[0] != 200]
    refused = sum(1 for access in earlier if call(options.base, "/api/users/me/", token=access)[0] != 200)
    print("failover: %d register/login/me cycles through HAProxy, one instance killed after 1 s; failed: %s;"
          " %d registrations acknowledged, %d lost; %d of %d earlier tokens refused afterwards"
          % (cycles, failed or "none", len(acknowledged), len(lost), refused, len(earlier)))
    if len(failed) > 1 or lost or refused or None in earlier or cycles < 5:
        sys.exit(1)


if __name__ == "__main__":
    main()
