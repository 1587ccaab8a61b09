#!/usr/bin/env bash
# target/user-management.war on WildFly 39 and Payara Server 6, every listener on 127.0.0.1, nothing phoned home.
#   run.sh fetch                                       download and prepare both servers (once; needs the network)
#   run.sh start wildfly|payara-server PORT DATA_DIR   deploy, print the PID once GET /api/users/jwks/ answers 200
#   run.sh stop PID                                    stop that server and remove its instance folder
# Servers live in $USERS_SERVERS_DIR (default target/servers); each start gets its own instance folder there,
# with free ports picked for everything but PORT, so that two servers can run side by side.
# Needs a JDK 17, python3, curl, tar and unzip.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVERS=${USERS_SERVERS_DIR:-$ROOT/target/servers}
WAR=${USERS_WAR:-$ROOT/target/user-management.war}
WILDFLY_VERSION=39.0.1.Final
PAYARA_VERSION=6.2025.9
# WildFly's jipijapa adapter is built against EclipseLink 4.0.x (Jakarta Persistence 3.1, EE 10).
ECLIPSELINK_VERSION=4.0.9
WILDFLY_HOME=$SERVERS/wildfly-$WILDFLY_VERSION
PAYARA_HOME=$SERVERS/payara6
START_TIMEOUT=${USERS_SERVER_START_TIMEOUT:-300}
# The service's JVM settings. password4j inlined: half the hashing time (README "Performance").
JVM_OPTIONS="-Xms64m -Xmx512m -XX:CompileCommand=quiet -XX:CompileCommand=inline,com.password4j.*::*"

die() { echo "run.sh: $*" >&2; exit 1; }

# Both servers run on Java 17 (Payara Server 6 does not support 21+'s successors; WildFly 39 runs on 17 too).
java17() {
    local candidate
    for candidate in ${USERS_SERVER_JAVA_HOME:-} /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64 /usr/lib/jvm/*17*; do
        if [ -x "$candidate/bin/java" ]; then echo "$candidate"; return 0; fi
    done
    die "no JDK 17 under /usr/lib/jvm; set USERS_SERVER_JAVA_HOME"
}

# shellcheck source=free-port.sh
source "$ROOT/src/servers/free-port.sh"

maven_artifact() { # groupId:artifactId:version:type -> path of the file in the local repository
    "$ROOT/mvnw" -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$SERVERS/downloads" -Dmdep.overWriteIfNewer=false >&2
    local gav=(${1//:/ })
    echo "$SERVERS/downloads/${gav[1]}-${gav[2]}.${gav[3]}"
}

fetch_wildfly() {
    [ -f "$WILDFLY_HOME/.prepared" ] && return 0
    local dist eclipselink module
    dist=$(maven_artifact "org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz")
    eclipselink=$(maven_artifact "org.eclipse.persistence:eclipselink:$ECLIPSELINK_VERSION:jar")
    rm -rf "$WILDFLY_HOME" && tar xzf "$dist" -C "$SERVERS"
    # WildFly bundles only the adapter: EclipseLink itself goes into the same module (WildFly JPA guide).
    module=$WILDFLY_HOME/modules/system/layers/base/org/eclipse/persistence/main
    cp "$eclipselink" "$module/"
    sed -i -e "s#<resource-root path=\"jipijapa-eclipselink#<resource-root path=\"$(basename "$eclipselink")\"/>\n        &#" \
        -e 's#<module name="java.logging"/>#<module name="java.se"/>\n        &#' "$module/module.xml"
    touch "$WILDFLY_HOME/.prepared"
}

fetch_payara() {
    [ -f "$PAYARA_HOME/.prepared" ] && return 0
    local dist
    dist=$(maven_artifact "fish.payara.distributions:payara:$PAYARA_VERSION:zip")
    rm -rf "$PAYARA_HOME" && unzip -q "$dist" -d "$SERVERS"
    touch "$PAYARA_HOME/.prepared"
}

await_jwks() { # PID PORT LOG [FILE THAT MEANS THE DEPLOYMENT FAILED]
    local deadline=$((SECONDS + START_TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        kill -0 "$1" 2>/dev/null || { tail -50 "$3" >&2; die "server exited while starting; log: $3"; }
        if [ -n "${4:-}" ] && [ -e "$4" ]; then
            grep -E 'ERROR|SEVERE' "$3" | tail -20 >&2
            kill "$1"
            die "the WAR did not deploy; log: $3"
        fi
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/api/users/jwks/")" = 200 ]; then
            return 0
        fi
        sleep 1
    done
    tail -50 "$3" >&2
    kill "$1"
    die "no 200 from /api/users/jwks/ within ${START_TIMEOUT}s; log: $3"
}

start_wildfly() { # PORT DATA_DIR
    local base config pid
    base=$(mktemp -d "$SERVERS/instances/wildfly-$1-XXXX")
    cp -r "$WILDFLY_HOME/standalone/configuration" "$base/configuration"
    mkdir -p "$base/deployments" "$base/log"
    # standalone.xml: the only standard configuration with both EJB and MicroProfile JWT. Added: MicroProfile
    # OpenAPI (/openapi), Health and Micrometer (the service's counters, Prometheus format; both on the
    # management interface).
    config=$base/configuration/standalone.xml
    sed -i -e 's#<extension module="org.wildfly.extension.microprofile.jwt-smallrye"/>#&\n        <extension module="org.wildfly.extension.microprofile.health-smallrye"/>\n        <extension module="org.wildfly.extension.micrometer"/>\n        <extension module="org.wildfly.extension.microprofile.openapi-smallrye"/>#' \
        -e 's#<subsystem xmlns="urn:wildfly:microprofile-jwt-smallrye:1.0"/>#&\n        <subsystem xmlns="urn:wildfly:microprofile-health-smallrye:3.0" security-enabled="false" empty-liveness-checks-status="UP" empty-readiness-checks-status="UP" empty-startup-checks-status="UP"/>\n        <subsystem xmlns="urn:wildfly:micrometer:community:2.0"><prometheus-registry context="/prometheus" security-enabled="false"/></subsystem>\n        <subsystem xmlns="urn:wildfly:microprofile-openapi-smallrye:1.0"/>#' \
        "$config"
    cp "$WAR" "$base/deployments/user-management.war"
    JAVA_HOME=$(java17) JBOSS_PIDFILE=$base/server.pid LAUNCH_JBOSS_IN_BACKGROUND=1 \
    JAVA_OPTS="$JVM_OPTIONS -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true" \
        setsid "$WILDFLY_HOME/bin/standalone.sh" -c standalone.xml \
        -Djboss.server.base.dir="$base" \
        -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.http.port="$1" -Djboss.https.port="$(free_port)" -Djboss.ajp.port="$(free_port)" \
        -Djboss.management.http.port="$(free_port)" -Djboss.management.https.port="$(free_port)" \
        -Djboss.tx.node.id="$(basename "$base")" \
        -Declipselink.session.customizer=dev.usermanagement.database.FailFastDatabaseLogin \
        -Dmp.jwt.verify.publickey.location="http://127.0.0.1:$1/api/users/jwks/" -Dsmallrye.jwt.jwks.refresh-interval=5 \
        -Dusers.data.dir="$2" > "$base/log/console.log" 2>&1 < /dev/null &
    local deadline=$((SECONDS + 30))
    until [ -s "$base/server.pid" ] || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
    pid=$(cat "$base/server.pid" 2>/dev/null) || die "WildFly did not start; log: $base/log/console.log"
    ln -s "$base" "$SERVERS/instances/$pid"
    await_jwks "$pid" "$1" "$base/log/console.log" "$base/deployments/user-management.war.failed"
    echo "$pid"
}

start_payara() { # PORT DATA_DIR
    local base domain config pid
    base=$(mktemp -d "$SERVERS/instances/payara-$1-XXXX")
    mkdir -p "$base/domains"
    cp -r "$PAYARA_HOME/glassfish/domains/domain1" "$base/domains/"
    domain=$base/domains/domain1
    config=$domain/config/domain.xml
    # A domain listens on 0.0.0.0, phones home, starts the data grid and opens JMX, IIOP and JMS ports.
    # Here: every listener on 127.0.0.1 (HTTP on PORT, the rest on free ports), the HTTPS listener off,
    # no phone-home, no data grid, no JMX connector, no JMS broker.
    sed -i -e 's/address="0\.0\.0\.0"/address="127.0.0.1"/g' \
        -e "s/port=\"3700\"/port=\"$(free_port)\"/; s/port=\"3820\"/port=\"$(free_port)\"/; s/port=\"3920\"/port=\"$(free_port)\"/" \
        -e "s/port=\"8686\"/port=\"$(free_port)\"/; s/<jmx-connector /<jmx-connector enabled=\"false\" /" \
        -e 's|<hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>|<hazelcast-config-specific-configuration enabled="false"></hazelcast-config-specific-configuration>|' \
        -e '0,/<payara-executor-service-configuration \/>/s||&\n<phone-home-runtime-configuration enabled="false"/>\n<jms-service type="DISABLED" default-jms-host="default_JMS_host"><jms-host name="default_JMS_host" host="127.0.0.1" port="${JMS_PROVIDER_PORT}" lazy-init="true"/></jms-service>|' \
        -e "s/<network-listener port=\"8080\" protocol=\"http-listener-1\"/<network-listener address=\"127.0.0.1\" port=\"$1\" protocol=\"http-listener-1\"/" \
        -e "s/<network-listener port=\"8181\" protocol=\"http-listener-2\"/<network-listener enabled=\"false\" address=\"127.0.0.1\" port=\"$(free_port)\" protocol=\"http-listener-2\"/" \
        -e "s/<network-listener port=\"4848\" protocol=\"admin-listener\"/<network-listener address=\"127.0.0.1\" port=\"$(free_port)\" protocol=\"admin-listener\"/" \
        -e "0,/<jvm-options>-Xmx512m<\/jvm-options>/s||<jvm-options>${JVM_OPTIONS// /<\/jvm-options><jvm-options>}</jvm-options>\n<jvm-options>-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl</jvm-options>\n<jvm-options>-Dhazelcast.phone.home.enabled=false</jvm-options>\n<jvm-options>-Dh2.bindAddress=127.0.0.1</jvm-options>\n<jvm-options>-Djava.net.preferIPv4Stack=true</jvm-options>\n<jvm-options>-Dusers.data.dir=$2</jvm-options>|" \
        -e '/<protocol name="http-listener-1">/{n;s/<http /<http allow-payload-for-undefined-http-methods="true" header-buffer-length-bytes="65536" /}' \
        "$config"
    # As Payara Micro's pre-boot commands: GET/DELETE with a body reach the application (the contract's 405);
    # the HTTP layer's header limit above the service's own; one log line, not a stack trace, per bad token.
    echo "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore.level=WARNING" >> "$domain/config/logging.properties"
    mkdir -p "$domain/autodeploy"
    cp "$WAR" "$domain/autodeploy/user-management.war"
    AS_JAVA=$(java17) JAVA_HOME=$(java17) "$PAYARA_HOME/bin/asadmin" start-domain --domaindir "$base/domains" domain1 \
        > "$base/start.log" 2>&1 < /dev/null || { cat "$base/start.log" >&2; die "Payara Server did not start"; }
    pid=$(cat "$domain/config/pid")
    ln -s "$base" "$SERVERS/instances/$pid"
    await_jwks "$pid" "$1" "$domain/logs/server.log" "$domain/autodeploy/user-management.war_deployFailed"
    echo "$pid"
}

stop_server() { # PID
    local link=$SERVERS/instances/$1 base
    base=$(readlink "$link" 2>/dev/null) || true
    if kill "$1" 2>/dev/null; then
        for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$1" 2>/dev/null || true
    fi
    [ -n "$base" ] && rm -rf "$base" "$link"
    return 0
}

case "${1:-}" in
    fetch)
        mkdir -p "$SERVERS/downloads" "$SERVERS/instances"
        fetch_wildfly
        fetch_payara
        ;;
    start)
        [ $# -eq 4 ] || die "usage: run.sh start wildfly|payara-server PORT DATA_DIR"
        [ -f "$WAR" ] || die "no $WAR: run ./mvnw -DskipTests package first"
        mkdir -p "$SERVERS/instances" "$4"
        data=$(cd "$4" && pwd)
        case "$2" in
            wildfly) [ -f "$WILDFLY_HOME/.prepared" ] || die "run 'run.sh fetch' first"; start_wildfly "$3" "$data" ;;
            payara-server) [ -f "$PAYARA_HOME/.prepared" ] || die "run 'run.sh fetch' first"; start_payara "$3" "$data" ;;
            *) die "unknown server '$2' (wildfly or payara-server)" ;;
        esac
        ;;
    stop)
        [ $# -eq 2 ] || die "usage: run.sh stop PID"
        stop_server "$2"
        ;;
    *) die "usage: run.sh fetch | start wildfly|payara-server PORT DATA_DIR | stop PID" ;;
esac
