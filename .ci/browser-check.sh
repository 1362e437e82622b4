#!/usr/bin/env bash
# Live reload in a real browser: the notes app runs in debug mode from a temporary copy of the
# samples module; headless Chromium (Debian's package, driven by playwright-core from npm) opens
# its page; a template edit, then a handler edit, must show in that page by themselves. Before
# that, two tabs: a note saved in one must appear in the other by itself (WebSocket /notes/live).
# Installs chromium and playwright-core when it can; when it cannot, prints "SKIPPED: ..." and exits 0.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
PLAYWRIGHT_VERSION=1.65.1

say() { echo "browser-check: $*"; }
skip() { echo "SKIPPED: live reload browser check ($*)"; exit 0; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || skip "chromium is not installed; run: apt-get install chromium"
    say "installing chromium with apt-get"
    (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }) \
        || skip "apt-get could not install chromium"
    CHROMIUM=$(command -v chromium) || skip "chromium was installed but is not on PATH"
fi
command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are needed for playwright-core"
command -v curl >/dev/null || skip "curl is needed to see the app start; run: apt-get install curl"

WORK=$(mktemp -d)
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

say "installing playwright-core $PLAYWRIGHT_VERSION (no browser download: Debian's chromium is used)"
(cd "$WORK" && npm init -y >/dev/null 2>&1 && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm install --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >npm.log 2>&1) \
    || skip "npm could not install playwright-core (see the npm registry's reachability)"

say "building the samples and their runtime classpath"
# test-compile, not compile: build-classpath resolves the test scope too, and microflask-core's test jar
# (which json and render test with) is found in the reactor only once its test classes exist; with
# compile alone Maven looks for it in ~/.m2, where a fresh machine has none.
(cd "$ROOT" && mvn -B -q -pl samples -am test-compile "$DEPENDENCY_PLUGIN:build-classpath" \
    -Dmdep.outputFile=target/runtime-classpath.txt -DincludeScope=runtime >"$WORK/mvn.log" 2>&1) \
    || { cat "$WORK/mvn.log"; echo "FAILED: the build"; exit 1; }

# A copy, so that the edits never touch the repository; devtools finds its sources beside target/classes.
mkdir -p "$WORK/samples/target"
cp -r "$ROOT/samples/src" "$WORK/samples/src"
cp -r "$ROOT/samples/target/classes" "$WORK/samples/target/classes"
PORT=$((20000 + RANDOM % 10000))
say "starting the notes app in debug mode on 127.0.0.1:$PORT"
(cd "$WORK/samples" && exec java -cp "target/classes:$(cat "$ROOT/samples/target/runtime-classpath.txt")" \
    io.microflask.samples.notes.NotesApp --port "$PORT" --debug >"$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; echo "FAILED: the app exited"; exit 1; }
    sleep 0.1
done

# First, before any edit: two tabs, a note saved in one appears in the other (WebSocket /notes/live).
cp "$ROOT/.ci/browser/chromium.js" "$ROOT/.ci/browser/live-notes.js" "$WORK/"
if (cd "$WORK" && CHROMIUM="$CHROMIUM" timeout 60 node live-notes.js "http://127.0.0.1:$PORT"); then
    echo "OK: live notes browser check (a second tab sees a note added in the first)"
else
    sed 's/^/app log: /' "$WORK/app.log" | tail -40
    echo "FAILED: live notes browser check"
    exit 1
fi

cp "$ROOT/.ci/browser/live-reload.js" "$WORK/"
if (cd "$WORK" && CHROMIUM="$CHROMIUM" timeout 120 node live-reload.js "http://127.0.0.1:$PORT" "$WORK/samples"); then
    grep -E "Reloader - (reloaded|changed)" "$WORK/app.log" | sed 's/^/browser-check: app log: /' || true
    echo "OK: live reload browser check"
else
    sed 's/^/app log: /' "$WORK/app.log" | tail -40
    echo "FAILED: live reload browser check"
    exit 1
fi
