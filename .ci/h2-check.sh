#!/usr/bin/env bash
# HTTPS and HTTP/2 check (issue 16) with Debian's curl and h2load, against the hello sample run as
# a user would: `HelloApp --host 127.0.0.1 --port 0 --cert adhoc`.
#   1. curl -k --http2 gets 200 over HTTP/2 (ALPN h2), and --http1.1 still gets 200 over HTTP/1.1;
#   2. the banner shows the https URL and the certificate's SHA-256 fingerprint, the one openssl
#      computes from instance/adhoc-cert.pem;
#   3. a bounded h2load (H2_CHECK_REQUESTS, default 20000, 10 connections x 10 streams) over h2:
#      every request succeeds with a 2xx;
#   4. the same app without a certificate serves cleartext HTTP/1.1.
# Servers bind 127.0.0.1 only, are stopped by their PID, and run in a temporary folder (their
# instance folder, with the adhoc certificate, goes there). curl and nghttp2-client are installed
# with apt-get when missing; when that is impossible the check prints "SKIPPED: ..." and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REQUESTS=${H2_CHECK_REQUESTS:-20000}
MAIN_CLASS=io.microflask.samples.HelloApp
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

say() { echo "h2-check: $*"; }
skip() {
    echo "SKIPPED: HTTPS/HTTP/2 check ($*)"
    exit 0
}

# --- curl and h2load ---------------------------------------------------------------------------
if ! command -v curl >/dev/null || ! command -v h2load >/dev/null; then
    [ "$(id -u)" = 0 ] || skip "curl or h2load is missing and installing needs root; run: apt-get install curl nghttp2-client"
    command -v apt-get >/dev/null || skip "curl or h2load is missing and this system has no apt-get"
    say "installing curl and nghttp2-client (apt-get)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl nghttp2-client; } >/dev/null 2>&1 \
        || skip "apt-get could not install curl and nghttp2-client"
fi
curl -V | grep -qi 'http2' || skip "this curl has no HTTP/2 support"
say "using $(curl -V | head -1 | cut -d' ' -f1-2) and $(h2load --version 2>&1 | head -1)"

# --- everything below is ours to clean up ------------------------------------------------------
WORK=$(mktemp -d /tmp/microflask-h2-check.XXXXXX)
SERVER_PID=
stop_server() { # SIGTERM the server this script started, SIGKILL after 10 s
    local pid=$SERVER_PID
    SERVER_PID=
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop_server
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
    echo "FAILED: HTTPS/HTTP/2 check: $*" >&2
    for log in "$WORK"/*.log; do
        [ -s "$log" ] || continue
        echo "----- last lines of $(basename "$log") -----" >&2
        tail -n 20 "$log" >&2
    done
    exit 1
}

say "building the samples and their runtime classpath"
# test-compile, not compile: build-classpath resolves the test scope too, and microflask-core's test jar
# (which json and render test with) is found in the reactor only once its test classes exist; with
# compile alone Maven looks for it in ~/.m2, where a fresh machine has none.
if ! mvn -B -q -pl samples -am test-compile "$DEPENDENCY_PLUGIN:build-classpath" \
    -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime >"$WORK/mvn.log" 2>&1; then
    fail "the Maven build failed"
fi
CLASSPATH=$ROOT/samples/target/classes:$(cat "$ROOT/samples/target/runtime-classpath.txt")

PORT=
start_server() { # name args...: starts the sample in $WORK, sets PORT from its banner (port 0 asked)
    local name=$1
    shift
    (cd "$WORK" && exec java -Xmx256m -XX:+UseSerialGC -cp "$CLASSPATH" "$MAIN_CLASS" \
        --host 127.0.0.1 --port 0 "$@" >"$WORK/$name.log" 2>&1) &
    SERVER_PID=$!
    PORT=
    for _ in $(seq 600); do
        if grep -q "Press Ctrl+C" "$WORK/$name.log" 2>/dev/null; then
            PORT=$(grep -o 'picked port [0-9]*' "$WORK/$name.log" | head -1 | grep -o '[0-9]*$')
            [ -n "$PORT" ] || fail "the banner of $name does not say which port was picked"
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || fail "the $name server exited while starting"
        sleep 0.1
    done
    fail "the $name server did not print its banner within 60 s"
}

expect() { # what expected-"code version" curl-args...
    local what=$1 expected=$2 got
    shift 2
    got=$(curl -sS -o "$WORK/body" -w '%{http_code} %{http_version}' --max-time 10 "$@") \
        || fail "$what: curl failed"
    [ "$got" = "$expected" ] || fail "$what: got '$got', expected '$expected'"
    grep -q "Hello, World!" "$WORK/body" || fail "$what: unexpected body: $(head -c 200 "$WORK/body")"
    say "$what: $got"
}

# --- 1 and 2: HTTPS with the adhoc certificate -----------------------------------------------------
start_server https --cert adhoc
BASE=https://127.0.0.1:$PORT
grep -q "Running on $BASE " "$WORK/https.log" || fail "the banner does not show $BASE"
expect "curl -k --http2 $BASE/" "200 2" -k --http2 "$BASE/"
expect "curl -k --http1.1 $BASE/" "200 1.1" -k --http1.1 "$BASE/"
shown=$(grep -o 'SHA-256 fingerprint [0-9A-F:]*' "$WORK/https.log" | awk '{print $3}')
[ -n "$shown" ] || fail "the banner shows no SHA-256 fingerprint"
if command -v openssl >/dev/null; then
    actual=$(openssl x509 -in "$WORK/instance/adhoc-cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)
    [ "$shown" = "$actual" ] || fail "the banner's fingerprint $shown is not the certificate's $actual"
    served=$(openssl s_client -connect "127.0.0.1:$PORT" -servername localhost </dev/null 2>/dev/null \
        | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2)
    [ "$served" = "$actual" ] || fail "the server serves a certificate ($served) other than instance/adhoc-cert.pem"
    say "banner fingerprint = instance/adhoc-cert.pem = the served certificate ($shown)"
else
    say "banner fingerprint $shown (openssl missing: not compared)"
fi

# --- 3: bounded load over h2 -------------------------------------------------------------------------
say "h2load -n $REQUESTS -c 10 -m 10 $BASE/"
timeout 120 h2load -n "$REQUESTS" -c 10 -m 10 "$BASE/" >"$WORK/h2load.log" 2>&1 || fail "h2load failed or timed out"
grep -q "Application protocol: h2" "$WORK/h2load.log" || fail "h2load did not negotiate h2: $(cat "$WORK/h2load.log")"
summary=$(grep '^requests:' "$WORK/h2load.log") || fail "no summary from h2load"
codes=$(grep '^status codes:' "$WORK/h2load.log")
read -r succeeded failed errored timedout < <(sed -E \
    's/.* ([0-9]+) succeeded, ([0-9]+) failed, ([0-9]+) errored, ([0-9]+) timeout.*/\1 \2 \3 \4/' <<<"$summary")
ok=$(sed -E 's/^status codes: ([0-9]+) 2xx.*/\1/' <<<"$codes")
say "$summary; $codes"
if [ "$succeeded" != "$REQUESTS" ] || [ "$failed" != 0 ] || [ "$errored" != 0 ] || [ "$timedout" != 0 ] \
    || [ "$ok" != "$REQUESTS" ]; then
    fail "h2load: not every request succeeded with a 2xx"
fi
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died under load"
expect "after the load, curl -k --http2 $BASE/" "200 2" -k --http2 "$BASE/"
stop_server

# --- 4: cleartext without a certificate --------------------------------------------------------------
start_server cleartext
expect "cleartext curl http://127.0.0.1:$PORT/" "200 1.1" "http://127.0.0.1:$PORT/"
stop_server

echo "OK: HTTPS/HTTP/2 check: h2 and HTTP/1.1 over TLS (adhoc certificate), $REQUESTS requests by h2load all 2xx, cleartext without a certificate"
