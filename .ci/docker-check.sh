#!/usr/bin/env bash
# Builds docs/Dockerfile and runs the image it makes (issue 22), checking what the Dockerfile and
# docs/deployment.md ("Container image") say about it:
#   - the notes app serves a template page, JSON and a static file on port 8080;
#   - it runs as uid/gid 10001, java is PID 1, it can write its instance folder (the H2 file);
#   - the image's HEALTHCHECK turns the container "healthy";
#   - access lines are JSON messages on stdout, with the request id echoed;
#   - the runtime image has no mvn, no javac and no sources;
#   - `docker stop -t 30` delivers SIGTERM to the JVM: /readyz answers 503 while /healthz still
#     answers 200 (the drain, also in `docker logs`), then the container exits 0 by itself, before
#     Docker's 30 s would have killed it;
#   - a named volume on /app/instance gets the notes' database file.
#
# The machine CI runs on reaches no container registry, so the two base images are stand-ins made
# here: Debian bookworm (debootstrap --variant=minbase from deb.debian.org) with Debian's
# OpenJDK 17, one with the JDK and Maven (for the build stage), one with the headless JRE only
# (for the runtime stage), passed as --build-arg BUILD_IMAGE / RUNTIME_IMAGE. The build stage's
# Maven downloads the dependencies from Maven Central. The CA certificates this machine adds to its
# own trust store (/usr/local/share/ca-certificates) go into the build stand-in too, so that its
# Maven trusts what the host's Maven trusts.
#
# Everything runs under a temporary directory: a dockerd of its own (own socket, --data-root,
# --exec-root, --pidfile; no bridge, no iptables changes), stopped by its PID at the end. The
# container runs with --network none; the script reaches its port 8080 from inside the container's
# network namespace (nsenter), so nothing is published on the host and no host port can collide.
# docker.io, debootstrap and curl are installed with apt-get when missing. When that or dockerd
# cannot start, the check prints "SKIPPED: ..." and exits 0.
#
# Knobs (environment): DOCKER_CHECK_KEEP=1 keeps the temporary directory (logs, rootfs trees).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { echo "docker-check: $*"; }
skip() {
    echo "SKIPPED: Docker image check ($*)"
    exit 0
}
fail() {
    echo "docker-check: FAILED: $*" >&2
    exit 1
}

# Polls "$@" until it succeeds or $1 seconds have passed; returns 1 at the deadline.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

# --- tools ---------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || skip "needs root for dockerd and debootstrap"
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null || missing+=(curl)
command -v nsenter >/dev/null || missing+=(util-linux)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || skip "no apt-get to install ${missing[*]}"
    say "installing ${missing[*]}"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } \
        >/tmp/docker-check-apt.log 2>&1 || skip "apt-get install ${missing[*]} failed (/tmp/docker-check-apt.log)"
fi
command -v docker >/dev/null || skip "no docker client"

# --- our own dockerd -------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/docker-check.XXXXXX)
export DOCKER_HOST=unix://$WORK/docker.sock
# The classic builder: the docker.io client may come without the buildx plugin BuildKit needs.
export DOCKER_BUILDKIT=0
DOCKERD_PID=
CONTAINER=notes-check-$$
VOLUME=notes-check-data-$$

stop_dockerd() {
    [ -n "$DOCKERD_PID" ] || return 0
    kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    wait_for 30 eval '! kill -0 "$DOCKERD_PID" 2>/dev/null' || kill -KILL "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
    DOCKERD_PID=
}
cleanup() {
    local rc=$?
    set +e
    if [ -n "$DOCKERD_PID" ]; then
        docker rm -f "$CONTAINER" "$CONTAINER-vol" >/dev/null 2>&1
        docker volume rm "$VOLUME" >/dev/null 2>&1
    fi
    stop_dockerd
    # dockerd leaves its network namespace mounted under --exec-root; a failed chroot step may leave a /proc.
    mount | awk -v w="$WORK" 'index($3, w) == 1 { print $3 }' | sort -r | while read -r m; do umount -l "$m"; done
    if [ "${DOCKER_CHECK_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then
        say "kept $WORK (dockerd.log, build.log, container.log)"
        rm -rf "$WORK"/rootfs-* "$WORK"/data
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT

start_dockerd() {
    local driver=$1
    rm -rf "$WORK/data" "$WORK/exec"
    mkdir -p "$WORK/data" "$WORK/exec"
    dockerd --host "$DOCKER_HOST" --data-root "$WORK/data" --exec-root "$WORK/exec" \
        --pidfile "$WORK/dockerd.pid" --storage-driver "$driver" --iptables=false --bridge=none \
        >"$WORK/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    if wait_for 60 eval 'docker info >/dev/null 2>&1 || ! kill -0 "$DOCKERD_PID" 2>/dev/null' \
        && docker info >/dev/null 2>&1; then
        return 0
    fi
    stop_dockerd
    return 1
}
if start_dockerd overlay2; then
    STORAGE=overlay2
elif start_dockerd vfs; then
    STORAGE=vfs
else
    tail -5 "$WORK/dockerd.log" >&2
    skip "dockerd does not start here (overlay2 nor vfs; see the lines above)"
fi
say "dockerd $(docker version --format '{{.Server.Version}}') (PID $DOCKERD_PID, storage $STORAGE)"

# --- stand-in base images ------------------------------------------------------------------
started=$SECONDS
BASE=$WORK/rootfs-base
debootstrap --variant=minbase bookworm "$BASE" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -5 "$WORK/debootstrap.log" >&2; skip "debootstrap of Debian bookworm failed (no deb.debian.org?)"; }
cat >"$BASE/etc/dpkg/dpkg.cfg.d/01-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
EOF
rm -rf "$BASE"/var/cache/apt/archives/*.deb

# make_image TAG PACKAGE... : the base tree plus the packages, imported as TAG.
make_image() {
    local tag=$1 tree=$WORK/rootfs-${1//[:\/]/-}
    shift
    cp -a "$BASE" "$tree"
    # Java's installation scripts (ca-certificates-java) run java, which needs /proc.
    mount -t proc proc "$tree/proc"
    chroot "$tree" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >"$WORK/apt-${tree##*/}.log" 2>&1 || { umount "$tree/proc"; fail "apt-get install $* in the stand-in (see $WORK)"; }
    if [ "$tag" = "$BUILD_IMAGE" ] && ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
        cp /usr/local/share/ca-certificates/*.crt "$tree/usr/local/share/ca-certificates/"
        chroot "$tree" update-ca-certificates >>"$WORK/apt-${tree##*/}.log" 2>&1 \
            || { umount "$tree/proc"; fail "update-ca-certificates in the build stand-in"; }
    fi
    chroot "$tree" apt-get clean
    umount "$tree/proc"
    rm -rf "$tree"/var/lib/apt/lists/*
    tar -C "$tree" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
    rm -rf "$tree"
}
BUILD_IMAGE=local/maven-jdk17:bookworm
RUNTIME_IMAGE=local/jre17:bookworm
make_image "$BUILD_IMAGE" openjdk-17-jdk-headless maven
make_image "$RUNTIME_IMAGE" openjdk-17-jre-headless
rm -rf "$BASE"
say "stand-in base images in $((SECONDS - started)) s: $(docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | tr '\n' ' ')"

# --- the image -----------------------------------------------------------------------------
started=$SECONDS
docker build --network host -f docs/Dockerfile --build-arg BUILD_IMAGE="$BUILD_IMAGE" \
    --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" -t notes:check "$ROOT" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; fail "docker build -f docs/Dockerfile"; }
say "docker build in $((SECONDS - started)) s: notes:check $(docker images --format '{{.Size}}' notes:check), $(grep -o 'build context to Docker daemon *[0-9.]*[kMG]*B' "$WORK/build.log" | sed 's/.*daemon */context /')"

# --- run it --------------------------------------------------------------------------------
# The image's own HEALTHCHECK command, probed every second instead of every 10 s (only the timing is overridden).
docker run -d --name "$CONTAINER" --network none --health-interval 1s \
    -e MICROFLASK_SECRET_KEY="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" notes:check >/dev/null
PID=$(docker inspect --format '{{.State.Pid}}' "$CONTAINER")
[ "$PID" -gt 0 ] || fail "the container did not start: $(docker logs "$CONTAINER" 2>&1 | tail -5)"

# curl from inside the container's network namespace: its 127.0.0.1:8080.
in_container() { nsenter --net="/proc/$PID/ns/net" curl -sS --max-time 5 "$@"; }
status_of() { in_container -o /dev/null -w '%{http_code}' "http://127.0.0.1:8080$1" 2>/dev/null || echo 000; }
answers() { [ "$(status_of /healthz)" = 200 ]; }
wait_for 60 answers || fail "no 200 from /healthz on 8080 within 60 s: $(docker logs "$CONTAINER" 2>&1 | tail -20)"

page=$(in_container http://127.0.0.1:8080/)
[[ $page == *"No notes yet."* && $page == *"/static/style.css"* ]] || fail "GET / is not the notes page: $page"
json_headers=$(in_container -D - -o "$WORK/notes.json" http://127.0.0.1:8080/api/notes)
grep -qi '^content-type: application/json' <<<"$json_headers" || fail "GET /api/notes is not JSON: $json_headers"
[ "$(cat "$WORK/notes.json")" = "[]" ] || fail "GET /api/notes: $(cat "$WORK/notes.json")"
css_headers=$(in_container -D - -o /dev/null http://127.0.0.1:8080/static/style.css)
grep -q ' 200' <<<"$css_headers" && grep -qi '^content-type: text/css' <<<"$css_headers" \
    || fail "GET /static/style.css: $css_headers"
[ "$(status_of /readyz)" = 200 ] || fail "/readyz is not 200 before the stop"
say "serves the page, JSON and a static file on 8080"

uids=$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$PID/status")
gids=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$PID/status")
[ "$uids" = "10001 10001 10001 10001" ] && [ "$gids" = "10001 10001 10001 10001" ] || fail "uid/gid $uids / $gids"
[ "$(docker exec "$CONTAINER" id -u)" = 10001 ] || fail "docker exec id -u is not 10001"
pid1=$(docker exec "$CONTAINER" cat /proc/1/cmdline | tr '\0' ' ')
[ "$pid1" = "java -jar /app/notes.jar " ] || fail "PID 1 is '$pid1', not java"
docker exec "$CONTAINER" test -O /app/instance/notes.mv.db || fail "no notes.mv.db of uid 10001 in /app/instance"
docker exec "$CONTAINER" test ! -w /app/notes.jar || fail "the app's user can write its own jar"
say "runs as uid/gid 10001, java is PID 1, writes /app/instance only"

health() { docker inspect --format '{{.State.Health.Status}}' "$CONTAINER"; }
wait_for 60 eval '[ "$(health)" = healthy ]' || fail "HEALTHCHECK is '$(health)': $(docker inspect --format '{{json .State.Health}}' "$CONTAINER")"
say "HEALTHCHECK: $(health)"

# The request id the app generated for GET /api/notes (a client's X-Request-Id is taken only from
# a trusted proxy), echoed in the answer. docker logs splits the container's stdout and stderr:
# the access line must be on stdout.
request_id=$(sed -n 's/^x-request-id: *\([^[:space:]]*\).*/\1/Ip' <<<"$json_headers")
[ -n "$request_id" ] || fail "no X-Request-Id in the answer: $json_headers"
access_line=$(docker logs "$CONTAINER" 2>/dev/null | grep -m1 "\"requestId\":\"$request_id\"" || true)
[ -n "$access_line" ] || fail "no access line with the request id on stdout: $(docker logs "$CONTAINER" 2>&1 | tail -5)"
python3 -c 'import json, sys
line = sys.argv[1]
entry = json.loads(line[line.index("{"):])
assert entry["route"] == "/api/notes" and entry["status"] == 200 and entry["method"] == "GET", entry
assert "durationMs" in entry and "bytes" in entry, entry' "$access_line" || fail "access line: $access_line"
say "JSON access lines on stdout, request id echoed"

docker exec "$CONTAINER" bash -c '! command -v mvn && ! command -v javac && [ ! -e /src ] && [ ! -e /root/.m2 ]' >/dev/null \
    || fail "build tools or sources in the runtime image"
sources=$(docker exec "$CONTAINER" find / -xdev -type f \( -name '*.java' -o -name pom.xml \) -print -quit 2>/dev/null || true)
[ -z "$sources" ] || fail "sources in the runtime image: $sources"
say "no mvn, javac, /src, ~/.m2, *.java or pom.xml in the runtime image"

# --- docker stop: SIGTERM, drain, exit -----------------------------------------------------
stop_started=$SECONDS
docker stop -t 30 "$CONTAINER" >/dev/null &
STOP_PID=$!
wait_for 15 eval '[ "$(status_of /readyz)" = 503 ]' || fail "/readyz did not turn 503 after docker stop"
drain_health=$(status_of /healthz)
drain_ready=$(in_container http://127.0.0.1:8080/readyz || true)
[ "$drain_health" = 200 ] || fail "/healthz is $drain_health during the drain"
say "during the drain: /readyz 503 $drain_ready, /healthz $drain_health"
wait "$STOP_PID" || fail "docker stop failed"
stop_seconds=$((SECONDS - stop_started))
exit_code=$(docker inspect --format '{{.State.ExitCode}}' "$CONTAINER")
docker logs "$CONTAINER" >"$WORK/container.log" 2>&1
[ "$exit_code" = 0 ] || fail "exit code $exit_code after docker stop ($(tail -5 "$WORK/container.log"))"
[ "$stop_seconds" -lt 30 ] || fail "docker stop took $stop_seconds s: Docker killed it after its timeout"
grep -q 'draining for 10000 ms' "$WORK/container.log" || fail "no drain line in docker logs"
say "docker stop -t 30: exit code $exit_code after ${stop_seconds} s, drain in the log: $(grep -o 'draining for 10000 ms[^;]*' "$WORK/container.log")"

# --- a named volume on /app/instance -------------------------------------------------------
docker volume create "$VOLUME" >/dev/null
docker run -d --name "$CONTAINER-vol" --network none -v "$VOLUME:/app/instance" \
    -e MICROFLASK_SECRET_KEY=volume-check-only-0123456789abcdef0123456789abcdef notes:check >/dev/null
wait_for 60 docker exec "$CONTAINER-vol" test -O /app/instance/notes.mv.db \
    || fail "no notes.mv.db in the named volume: $(docker logs "$CONTAINER-vol" 2>&1 | tail -5)"
docker rm -f "$CONTAINER-vol" >/dev/null
say "a named volume on /app/instance gets the database, owned by uid 10001"

docker rmi notes:check "$BUILD_IMAGE" "$RUNTIME_IMAGE" >/dev/null 2>&1 || true
say "OK in $SECONDS s"
