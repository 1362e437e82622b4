#!/usr/bin/env bash
# The first hour (issue 20): a project generated from microflask-archetype, in a temporary folder,
# offline from the local repository, builds, passes its own tests and serves its page with the
# README's command. Needs only Maven and a JDK, so it never skips.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
archetype_plugin=org.apache.maven.plugins:maven-archetype-plugin:3.4.1

echo "== archetype: installing microflask $version into the local repository"
mvn -B -q install -DskipTests

work=$(mktemp -d)
app_pid=
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
# The same local repository as this build (a developer's worktree names its own in .mvn/maven.config).
if [ -f .mvn/maven.config ]; then
    mkdir -p "$work/.mvn"
    cp .mvn/maven.config "$work/.mvn/maven.config"
fi

echo "== archetype: generating a project offline in $work"
(cd "$work" && mvn -B -q -o "$archetype_plugin:generate" -DinteractiveMode=false \
    -DarchetypeGroupId=io.microflask -DarchetypeArtifactId=microflask-archetype -DarchetypeVersion="$version" \
    -DgroupId=com.example -DartifactId=hello -Dpackage=com.example.hello)
project=$work/hello
for file in pom.xml README.md .gitignore .vscode/launch.json .run/HelloApp-debug.run.xml \
        .run/HelloApp-production.run.xml src/main/java/com/example/hello/HelloApp.java \
        src/main/java/com/example/hello/Pages.java src/main/resources/templates/index.mustache \
        src/main/resources/static/style.css src/main/resources/logback.xml \
        src/test/java/com/example/hello/PagesTest.java; do
    [ -f "$project/$file" ] || { echo "FAILED: the generated project has no $file"; exit 1; }
done
grep -qx 'instance/' "$project/.gitignore" || { echo "FAILED: .gitignore does not keep instance/ out"; exit 1; }
grep -q '"mainClass": "com.example.hello.HelloApp"' "$project/.vscode/launch.json" \
    || { echo "FAILED: launch.json does not name the main class"; exit 1; }
grep -q "<version>$version</version>\|<microflask.version>$version</microflask.version>" "$project/pom.xml" \
    || { echo "FAILED: the generated pom does not use microflask $version"; exit 1; }

echo "== archetype: the generated project's tests"
(cd "$project" && mvn -B -o test)

echo "== archetype: the README's hand-written pom builds the same project"
awk '/^## Install/ {install=1} install && /^```xml/ {inside=1; next} inside && /^```/ {exit} inside {print}' \
    README.md > "$work/readme-pom.xml"
grep -q '<artifactId>maven-compiler-plugin</artifactId>' "$work/readme-pom.xml" \
    || { echo "FAILED: no complete pom in the README's Install section"; exit 1; }
mkdir -p "$work/by-hand"
cp -r "$project/src" "$work/by-hand/"
cp "$work/readme-pom.xml" "$work/by-hand/pom.xml"
(cd "$work/by-hand" && mvn -B -q -o test) || { echo "FAILED: the README's pom does not build the project"; exit 1; }

echo "== archetype: the README's first command serves the page"
log=$work/run.log
# Port 0 instead of 5000: the machine may be running anything. (The plugin may be fetched once.)
(cd "$project" && exec mvn -B compile exec:java -Dexec.args="--port 0") >"$log" 2>&1 &
app_pid=$!
url=
for _ in $(seq 1 240); do
    url=$(sed -n 's/.*Running on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$log" | head -1)
    [ -n "$url" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
done
if [ -z "$url" ]; then
    echo "FAILED: the generated app never printed where it runs:"; cat "$log"; exit 1
fi
page=$(curl -fsS "$url/")
case "$page" in
    *"Hello, World!"*) echo "served $url/: $(echo "$page" | grep -o '<h1>.*</h1>')" ;;
    *) echo "FAILED: $url/ answered:"; echo "$page"; exit 1 ;;
esac
curl -fsS -o /dev/null "$url/static/style.css" || { echo "FAILED: no /static/style.css"; exit 1; }
grep -E "microflask [0-9]|Running on|WARN" "$log" || true
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
echo "archetype check passed"
