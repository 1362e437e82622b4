#!/usr/bin/env bash
# Integration check of docs/nginx/microflask.conf (issue #10, part 3): nginx in front of two
# instances of the notes sample on 127.0.0.1.
#   1. a session created through one instance is valid on the other (same MICROFLASK_SECRET_KEY),
#      and a WebSocket to /notes/live works through nginx (.ci/nginx/LiveNotesThroughNginx.java);
#   2. a rolling restart (SIGTERM one instance, wait for exit code 0, start it again, wait until
#      nginx sends it traffic again, then the other) while a bounded load of GETs runs through
#      nginx completes with every request answered 200;
#   3. the same under a load of POSTs with the drain: SIGTERM, /readyz turns 503 while the port still
#      answers, the instance is taken out of nginx during the drain, exits 0; every POST answered 201.
# nginx runs from a temporary prefix with its own config and logs: nothing system-wide is
# configured or started. If nginx is missing, it is installed with apt-get (Debian's package);
# when that is impossible the check prints "SKIPPED: ..." and exits 0.
#
# Knobs (environment): NGINX_CHECK_WORKERS (load workers, default 3), NGINX_CHECK_MAX_REQUESTS
# (cap on the load, default 60000), NGINX_CHECK_DRAIN_SECONDS (the instances' drain, default 4),
# NGINX_CHECK_KEEP=1 (keep the temporary directory and logs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WORKERS=${NGINX_CHECK_WORKERS:-3}
MAX_REQUESTS=${NGINX_CHECK_MAX_REQUESTS:-60000}
LOAD_DEADLINE_SECONDS=150
# How long a stopping instance keeps serving with /readyz answering 503 (MICROFLASK_DRAIN_PERIOD):
# long enough for this script to see it and take the instance out of nginx (a reload).
DRAIN_SECONDS=${NGINX_CHECK_DRAIN_SECONDS:-4}

say() { echo "nginx-check: $*"; }
skip() {
    echo "SKIPPED: nginx integration check ($*)"
    exit 0
}

# --- nginx ---------------------------------------------------------------------------------
find_nginx() {
    command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }
}
if ! command -v curl >/dev/null; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        skip "curl is not installed and cannot be installed here; run: apt-get install curl"
    fi
    say "curl is not installed: installing it (apt-get)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; } \
        >/dev/null 2>&1 || skip "apt-get could not install curl"
fi
NGINX=$(find_nginx || true)
if [ -z "$NGINX" ]; then
    [ "$(id -u)" = 0 ] || skip "nginx is not installed and installing it needs root; run: apt-get install nginx-light"
    command -v apt-get >/dev/null || skip "nginx is not installed and this system has no apt-get"
    say "nginx is not installed: installing Debian's package (apt-get)"
    install_log=$(mktemp)
    # Services are not started: Debian's invoke-rc.d refuses without an init system or when
    # policy-rc.d says so, and this check never uses a system-wide nginx anyway.
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
            && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
                 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }; } >"$install_log" 2>&1; then
        tail -n 5 "$install_log"
        rm -f "$install_log"
        skip "apt-get could not install nginx-light or nginx (no network or no package source?)"
    fi
    rm -f "$install_log"
    NGINX=$(find_nginx) || skip "apt-get succeeded but no nginx binary is on PATH or in /usr/sbin"
fi
say "using $("$NGINX" -v 2>&1) ($NGINX)"

# --- everything below is ours to clean up ---------------------------------------------------
WORK=$(mktemp -d /tmp/microflask-nginx-check.XXXXXX)
chmod 755 "$WORK" # nginx's workers run as an unprivileged user when the master is root
mkdir -p "$WORK/conf" "$WORK/logs" "$WORK/tmp" "$WORK/load"
declare -A INSTANCE_PID=() INSTANCE_PORT=() INSTANCE_RUNS=()
NGINX_PID=
LOAD_PIDS=()
LOAD_DIR=

stop_pid() { # pid: SIGTERM, then SIGKILL after 10 s; only PIDs this script started
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    [ -z "$LOAD_DIR" ] || touch "$LOAD_DIR/stop" 2>/dev/null || true
    for pid in "${LOAD_PIDS[@]}"; do stop_pid "$pid"; done
    for pid in "${INSTANCE_PID[@]}"; do stop_pid "$pid"; done
    [ -z "$NGINX_PID" ] || stop_pid "$NGINX_PID"
    wait 2>/dev/null || true
    if [ "${NGINX_CHECK_KEEP:-0}" = 1 ]; then
        say "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

show_logs() {
    local log
    for log in "$WORK"/instance-*.log "$WORK/logs/error.log" "$WORK/logs/nginx.stderr"; do
        [ -s "$log" ] || continue
        echo "----- last lines of $(basename "$log") -----" >&2
        tail -n 15 "$log" >&2
    done
}
fail() {
    echo "FAILED: nginx integration check: $*" >&2
    show_logs
    exit 1
}

# --- the sample's runnable jar, built from this checkout (README "Deployment": mvn package) -----
say "building the notes app's runnable jar (mvn -pl samples -am package -DskipTests)"
if ! mvn -B -q -pl samples -am package -DskipTests >"$WORK/logs/mvn.log" 2>&1; then
    cat "$WORK/logs/mvn.log" >&2
    fail "the Maven build above failed"
fi
JAR=$ROOT/samples/target/notes.jar
[ -s "$JAR" ] || fail "$JAR was not built by mvn package (maven-shade-plugin in samples/pom.xml)"

# --- ports and the shared secret ------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
TAKEN_PORTS=" "
free_port() { # below the usual ephemeral range (32768+), so no outgoing connection holds it
    local port
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 12000))
        if [[ $TAKEN_PORTS != *" $port "* ]] && ! port_in_use "$port"; then
            TAKEN_PORTS+="$port "
            echo "$port"
            return 0
        fi
    done
    return 1
}
INSTANCE_PORT[a]=$(free_port) || fail "found no free port on 127.0.0.1"
INSTANCE_PORT[b]=$(free_port) || fail "found no free port on 127.0.0.1"
NGINX_PORT=$(free_port) || fail "found no free port on 127.0.0.1"
SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
BASE=http://127.0.0.1:$NGINX_PORT

# --- instances --------------------------------------------------------------------------------
start_instance() { # name
    local name=$1 run=$((${INSTANCE_RUNS[$1]:-0} + 1))
    INSTANCE_RUNS[$name]=$run
    # Configuration through the environment only: MICROFLASK_HOST/PORT/DEBUG override arguments.
    # Each instance keeps its notes (an H2 file) in an instance folder of its own.
    MICROFLASK_INSTANCE_PATH="$WORK/instance-$name" \
    MICROFLASK_SECRET_KEY=$SECRET_KEY MICROFLASK_TRUSTED_PROXIES=127.0.0.1 \
        MICROFLASK_HOST=127.0.0.1 MICROFLASK_PORT=${INSTANCE_PORT[$name]} MICROFLASK_DEBUG=0 \
        MICROFLASK_DRAIN_PERIOD=$DRAIN_SECONDS MICROFLASK_ACCESS_LOG=off \
        java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" \
        >"$WORK/instance-$name-$run.log" 2>&1 &
    INSTANCE_PID[$name]=$!
}

wait_until_serving() { # name: answers directly, within 60 s
    local name=$1 url=http://127.0.0.1:${INSTANCE_PORT[$1]}/api/notes
    for _ in $(seq 600); do
        curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
        kill -0 "${INSTANCE_PID[$name]}" 2>/dev/null \
            || fail "instance $name exited while starting (see instance-$name-${INSTANCE_RUNS[$name]}.log)"
        sleep 0.1
    done
    fail "instance $name did not answer $url within 60 s"
}

stop_instance() { # name: SIGTERM, then it must exit 0 within 40 s having answered everything
    kill -TERM "${INSTANCE_PID[$1]}"
    await_exit "$1"
}

await_exit() { # name: a signalled instance must exit 0 within 40 s having answered everything
    local name=$1 pid=${INSTANCE_PID[$1]} status=0 log="$WORK/instance-$1-${INSTANCE_RUNS[$1]}.log"
    for _ in $(seq 400); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && fail "instance $name (pid $pid) still runs 40 s after SIGTERM"
    wait "$pid" || status=$?
    unset "INSTANCE_PID[$name]"
    [ "$status" = 0 ] || fail "instance $name exited with status $status after SIGTERM (expected 0)"
    grep -q "every answer in flight was written in full" "$log" \
        || fail "instance $name did not log that every answer in flight was written in full"
}

# --- 1. one session, both instances -------------------------------------------------------------
say "starting instance a on 127.0.0.1:${INSTANCE_PORT[a]} and b on 127.0.0.1:${INSTANCE_PORT[b]} (same secret key)"
start_instance a
start_instance b
wait_until_serving a
wait_until_serving b

log_in() { # port name jar: as a browser, GET /login for the CSRF token, then POST it: 303 to /private, session cookie
    local status page token
    page=$(curl -sS -c "$3" "http://127.0.0.1:$1/login")
    token=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="//; s/"$//')
    [ -n "$token" ] || fail "GET /login on port $1 has no csrf_token field: $(head -c 300 <<<"$page")"
    status=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -b "$3" -c "$3" \
        --data-urlencode "csrf_token=$token" --data-urlencode "username=$2" "http://127.0.0.1:$1/login")
    [[ $status == "303 "*/private ]] || fail "POST /login on port $1 answered '$status', expected 303 to /private"
}
private_page() { # port cookie-header: prints "status body"
    curl -sS -w '\n%{http_code}' -H "Cookie: $2" "http://127.0.0.1:$1/private"
}
session_cookie() { # jar: "name=value" of the session cookie
    awk '!/^#/ || /^#HttpOnly_/ { if ($6 == "session") print $6 "=" $7 }' "$1"
}
expect_logged_in() { # port cookie name where
    local answer
    answer=$(private_page "$1" "$2")
    [[ $answer == *$'\n200' && $answer == *"logged in as <strong>$3</strong>"* ]] \
        || fail "GET /private $4 did not show '$3' logged in: $(tail -c 300 <<<"$answer")"
}

log_in "${INSTANCE_PORT[a]}" ada "$WORK/ada.jar"
ADA=$(session_cookie "$WORK/ada.jar")
[ -n "$ADA" ] || fail "POST /login on instance a set no 'session' cookie"
expect_logged_in "${INSTANCE_PORT[b]}" "$ADA" ada "on instance b with the session made by instance a"
log_in "${INSTANCE_PORT[b]}" grace "$WORK/grace.jar"
GRACE=$(session_cookie "$WORK/grace.jar")
expect_logged_in "${INSTANCE_PORT[a]}" "$GRACE" grace "on instance a with the session made by instance b"
# The control: a cookie whose signature does not match is refused, so the checks above mean something.
# (The first character of the value is changed: it carries six whole bits, unlike the last one.)
ADA_VALUE=${ADA#session=}
TAMPERED=session=$([ "${ADA_VALUE:0:1}" = A ] && echo B || echo A)${ADA_VALUE:1}
answer=$(private_page "${INSTANCE_PORT[b]}" "$TAMPERED")
[[ $answer == *$'\n303' ]] || fail "a tampered session cookie was not refused: $(tail -c 200 <<<"$answer")"
say "session: made on a, valid on b; made on b, valid on a; a tampered cookie is refused (303 to /login)"

# --- nginx with the documented configuration -----------------------------------------------------
write_nginx_site() { # docs/nginx/microflask.conf with this run's ports
    sed -e "s/127\.0\.0\.1:5001/127.0.0.1:${INSTANCE_PORT[a]}/" \
        -e "s/127\.0\.0\.1:5002/127.0.0.1:${INSTANCE_PORT[b]}/" \
        -e "s/^\([[:space:]]*\)listen 80;/\1listen 127.0.0.1:$NGINX_PORT;/" \
        docs/nginx/microflask.conf >"$WORK/conf/microflask.conf"
    local expected
    for expected in "server 127.0.0.1:${INSTANCE_PORT[a]} " "server 127.0.0.1:${INSTANCE_PORT[b]} " \
        "listen 127.0.0.1:$NGINX_PORT;"; do
        [ "$(grep -cF "$expected" "$WORK/conf/microflask.conf")" = 1 ] \
            || fail "docs/nginx/microflask.conf no longer has the lines this check rewrites (server 127.0.0.1:5001, server 127.0.0.1:5002, listen 80;)"
    done
}
write_nginx_site
temp_paths="client_body_temp_path $WORK/tmp/body; proxy_temp_path $WORK/tmp/proxy;"
nginx_build=$("$NGINX" -V 2>&1)
for module in fastcgi uwsgi scgi; do
    [[ $nginx_build == *"--without-http_${module}_module"* ]] || temp_paths+=" ${module}_temp_path $WORK/tmp/$module;"
done
cat >"$WORK/conf/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/logs/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
    # status, upstream statuses|upstream addresses|URI: "200 502, 200|127.0.0.1:A, 127.0.0.1:B|/x" was retried
    log_format check '\$status \$upstream_status|\$upstream_addr|\$request_uri';
    access_log $WORK/logs/access.log check;
    $temp_paths
    include $WORK/conf/microflask.conf;
}
EOF
"$NGINX" -t -q -e "$WORK/logs/error.log" -p "$WORK/" -c "$WORK/conf/nginx.conf" 2>"$WORK/logs/nginx.stderr" \
    || fail "nginx -t refused the configuration: $(cat "$WORK/logs/nginx.stderr")"
"$NGINX" -e "$WORK/logs/error.log" -p "$WORK/" -c "$WORK/conf/nginx.conf" -g 'daemon off;' \
    2>>"$WORK/logs/nginx.stderr" &
NGINX_PID=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null --max-time 2 "$BASE/api/notes" 2>/dev/null && break
    kill -0 "$NGINX_PID" 2>/dev/null || fail "nginx exited at start"
    sleep 0.1
done
curl -fsS -o /dev/null --max-time 2 "$BASE/api/notes" || fail "nginx on $BASE does not answer"
log_in "$NGINX_PORT" linus "$WORK/linus.jar"
LINUS=$(session_cookie "$WORK/linus.jar")
expect_logged_in "$NGINX_PORT" "$LINUS" linus "through nginx"
say "nginx on $BASE in front of both, with docs/nginx/microflask.conf; log-in through nginx works"

# --- a WebSocket through nginx (the Upgrade/Connection headers of docs/nginx/microflask.conf) -------
# A browser's Origin is its page's: the app sees Host as nginx sends it ($host, without this check's port).
ws_log=$WORK/logs/websocket.log
if ! timeout 60 java "$ROOT/.ci/nginx/LiveNotesThroughNginx.java" "ws://127.0.0.1:$NGINX_PORT/notes/live" \
        "http://127.0.0.1" "$ADA" "http://127.0.0.1:${INSTANCE_PORT[a]}" "http://127.0.0.1:${INSTANCE_PORT[b]}" \
        >"$ws_log" 2>&1; then
    cat "$ws_log" >&2
    fail "the WebSocket to /notes/live through nginx did not work (see above)"
fi
sed 's/^/nginx-check: websocket: /' "$ws_log"

# --- load through nginx ----------------------------------------------------------------------------
ACCESS_LOG=$WORK/logs/access.log
BATCH=50 # requests per curl run: one keep-alive connection to nginx, like a browser
PAUSE=0.1 # seconds between a worker's batches
load_worker() { # dir id mode: requests through nginx until told to stop, each status on a line
    local dir=$1 id=$2 mode=$3 cap=$((MAX_REQUESTS / WORKERS)) done=0 started=$SECONDS
    local config="$dir/$id.curlrc" codes="$dir/$id.codes"
    local -a request=(-H "Cookie: $ADA") # get: the session page and the JSON API, alternately
    # post: the API's writes need the login, so the session goes along
    [ "$mode" = get ] || request=(-H "Cookie: $ADA" -H "Content-Type: application/json" --data '{"text": "rolling restart"}')
    for _ in $(seq $((BATCH / 2))); do
        if [ "$mode" = get ]; then
            printf 'url = "%s/private"\noutput = "/dev/null"\n' "$BASE"
        else
            printf 'url = "%s/api/notes"\noutput = "/dev/null"\n' "$BASE"
        fi
        printf 'url = "%s/api/notes"\noutput = "/dev/null"\n' "$BASE"
    done >"$config"
    : >"$codes"
    while [ ! -e "$dir/stop" ]; do
        if ((done >= cap || SECONDS - started >= LOAD_DEADLINE_SECONDS)); then
            echo "worker $id reached its bound ($done requests, $((SECONDS - started))s) before the restarts ended" \
                >"$dir/$id.exhausted"
            return 0
        fi
        curl -sS --max-time 30 "${request[@]}" -K "$config" -w '%{http_code} %{url_effective}\n' \
            >>"$codes" 2>>"$dir/$id.curl-errors" || true
        done=$((done + BATCH))
        sleep "$PAUSE" # a steady load, not a flood: the restarts must happen while it runs
    done
}
start_load() { # mode: get or post
    LOAD_DIR=$WORK/load/$1
    mkdir -p "$LOAD_DIR"
    LOAD_STARTED=$SECONDS
    local id
    for id in $(seq "$WORKERS"); do
        load_worker "$LOAD_DIR" "$id" "$1" &
        LOAD_PIDS+=($!)
    done
}
stop_load() {
    local id pid
    for id in $(seq "$WORKERS"); do
        [ ! -e "$LOAD_DIR/$id.exhausted" ] || fail "$(cat "$LOAD_DIR/$id.exhausted"); raise NGINX_CHECK_MAX_REQUESTS"
    done
    touch "$LOAD_DIR/stop"
    for pid in "${LOAD_PIDS[@]}"; do wait "$pid"; done
    LOAD_PIDS=()
}
wait_for_load() { # n: until at least n more requests have been answered through nginx
    local target=$(($(wc -l <"$ACCESS_LOG") + $1))
    for _ in $(seq 300); do
        (($(wc -l <"$ACCESS_LOG") >= target)) && return 0
        sleep 0.1
    done
    fail "the load through nginx stalled"
}
check_load() { # expected-status what: every request of the load got the expected status
    local expected=$1 what=$2 total ok statuses
    cat "$LOAD_DIR"/*.codes >"$LOAD_DIR/all"
    total=$(wc -l <"$LOAD_DIR/all")
    ok=$(awk -v expected="$expected" '$1 == expected' "$LOAD_DIR/all" | wc -l)
    statuses=$(awk '{print $1}' "$LOAD_DIR/all" | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
    say "$what: $total requests in $((SECONDS - LOAD_STARTED))s, $ok answered $expected ($statuses)"
    if [ "$ok" != "$total" ] || [ "$total" = 0 ]; then
        echo "first failed requests:" >&2
        awk -v expected="$expected" '$1 != expected' "$LOAD_DIR/all" | head -n 10 >&2
        cat "$LOAD_DIR"/*.curl-errors 2>/dev/null | sort | uniq -c | head -n 5 >&2
        fail "$((total - ok)) of $total requests through nginx failed during the $what"
    fi
    LOAD_TOTAL=$((${LOAD_TOTAL:-0} + total))
}
wait_until_in_rotation() { # name since-line status: nginx had this instance answer a request since then
    local name=$1 since=$2 address="127.0.0.1:${INSTANCE_PORT[$1]}"
    for _ in $(seq 300); do
        awk -v since="$since" -v served="$3 $3|$address|" \
            'NR > since && index($0, served) == 1 { found = 1; exit } END { exit !found }' "$ACCESS_LOG" \
            && return 0
        sleep 0.1
    done
    fail "nginx sent no request to the restarted instance $name within 30 s"
}

# --- 2. rolling restart by SIGTERM under a load of GETs ---------------------------------------------
start_load get
say "load: $WORKERS workers of GET /private (with a session) and GET /api/notes through nginx"
wait_for_load 300
for name in a b; do
    stop_instance "$name"
    since=$(wc -l <"$ACCESS_LOG") # from here on, whatever this instance answers comes from its new run
    say "instance $name: SIGTERM, exited 0, every request in flight answered"
    start_instance "$name"
    wait_until_serving "$name"
    wait_until_in_rotation "$name" "$since" 200
    say "instance $name: started again, serving through nginx"
done
wait_for_load 300
stop_load
retried=$(grep -c '|[^|]*, [^|]*|' "$ACCESS_LOG" || true)
check_load 200 "rolling restart by SIGTERM"
say "nginx retried $retried request(s) on the other instance (refused or closed by the stopping one)"

# --- 3. rolling restart with the drain, under a load of POSTs -------------------------------------
# nginx never resends a POST it has sent (it might run twice), and an instance whose listener
# closes resets the connections nginx has to it or is opening: a POST sent on one at that instant
# fails with a 502. Open-source nginx has no active health checks, so this script plays the part
# of the orchestrator: SIGTERM, the instance drains (still serving, /readyz 503, every answer
# closing its connection), the script sees the 503 and takes it out of the upstream (down +
# reload); only then does the drain end and the listener close, with no connection from nginx left.
nginx_workers() {
    cat "/proc/$NGINX_PID/task/$NGINX_PID/children" 2>/dev/null || ps -o pid= --ppid "$NGINX_PID" 2>/dev/null || true
}
readiness() { # name: the status of GET /readyz on the instance itself, 000 when it does not answer
    curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:${INSTANCE_PORT[$1]}/readyz" || true
}
wait_until_draining() { # name: /readyz answers 503 while the port still answers
    local status
    for _ in $(seq 200); do
        status=$(readiness "$1")
        [ "$status" = 503 ] && return 0
        sleep 0.05
    done
    fail "instance $1 did not answer /readyz with 503 within 10 s of SIGTERM (last: $status)"
}
reload_nginx_with() { # name-or-empty: the documented config with that instance marked down, reloaded
    local old pid
    write_nginx_site
    if [ -n "$1" ]; then
        sed -i "s/^\([[:space:]]*server 127\.0\.0\.1:${INSTANCE_PORT[$1]} .*\);/\1 down;/" "$WORK/conf/microflask.conf"
        grep -q "server 127.0.0.1:${INSTANCE_PORT[$1]} .* down;" "$WORK/conf/microflask.conf" \
            || fail "could not mark instance $1 down in nginx's configuration"
    fi
    old=$(nginx_workers)
    [ -n "$old" ] || fail "cannot list nginx's worker processes (neither /proc/PID/task/PID/children nor ps)"
    kill -HUP "$NGINX_PID"
    # The reload is done when the old workers (and their connections to the instances) are gone.
    for _ in $(seq 300); do
        local current gone=1
        current=" $(nginx_workers | tr '\n' ' ') "
        for pid in $old; do [[ $current == *" $pid "* ]] && gone=0; done
        ((gone)) && [ -n "${current// /}" ] && return 0
        sleep 0.1
    done
    fail "nginx's old workers were still running 30 s after the reload"
}
start_load post
say "load: $WORKERS workers of POST /api/notes (each a new note) through nginx"
wait_for_load 300
for name in a b; do
    kill -TERM "${INSTANCE_PID[$name]}"
    wait_until_draining "$name"
    reload_nginx_with "$name"
    [ "$(readiness "$name")" = 503 ] \
        || fail "instance $name stopped draining before nginx's reload finished; raise NGINX_CHECK_DRAIN_SECONDS ($DRAIN_SECONDS)"
    await_exit "$name"
    say "instance $name: SIGTERM, /readyz 503 while serving, taken out of nginx during the drain, exited 0"
    start_instance "$name"
    wait_until_serving "$name"
    since=$(wc -l <"$ACCESS_LOG")
    reload_nginx_with ""
    wait_until_in_rotation "$name" "$since" 201
    say "instance $name: started again, back in nginx's upstream, serving"
done
wait_for_load 300
stop_load
check_load 201 "rolling restart with the drain"

stop_instance a
stop_instance b
echo "OK: nginx integration check: a session is valid on both instances; a WebSocket works through nginx; two rolling restarts under load, $LOAD_TOTAL requests through nginx, none failed"
