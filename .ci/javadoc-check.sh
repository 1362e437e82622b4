#!/usr/bin/env bash
# The API reference (issue 20): Javadoc of what users import, the root package io.microflask and
# io.microflask.spi (core's pom limits javadoc to them) and the extension modules, with doclint on.
# Fails on any error (a broken {@link}, bad HTML, a malformed tag) and on any doclint warning but
# one kind: a documented method without a @param or @return tag, where its sentence already says
# what it takes and gives (hundreds of one-line docs such as "The port the server listens on.").
# A public type or member with no comment at all fails. Needs only Maven and a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=microflask-core,microflask-json,microflask-render,microflask-devtools
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The plugin skips a module whose sources did not change since its last run, even when that run
# warned: start from nothing so that every finding is reported every time.
for module in ${modules//,/ }; do
    rm -rf "$module/target/reports/apidocs" "$module/target/site/apidocs" \
        "$module/target/maven-javadoc-plugin-stale-data.txt"
done
echo "== javadoc: $modules (doclint on)"
tolerated='warning: no @(param|return|throws)( |$)'
if ! mvn -B javadoc:javadoc -pl "$modules" >"$log" 2>&1; then
    grep -E "error:|warning:|ERROR" "$log" | grep -vE "$tolerated" | awk 'NR <= 60' || true
    echo "FAILED: javadoc (an error above: fix the doc comment it names)"
    exit 1
fi
findings=$(grep -E ": (warning|error): " "$log" | sort -u || true)
failing=$(printf '%s\n' "$findings" | grep -vE "$tolerated" | grep -v '^$' || true)
if [ -n "$failing" ]; then
    printf '%s\n' "$failing"
    echo "FAILED: javadoc found $(printf '%s\n' "$failing" | wc -l) missing or broken doc comments (above)"
    exit 1
fi
gaps=$(printf '%s\n' "$findings" | grep -cE "$tolerated" || true)
echo "javadoc check passed: every public type and member documented, no broken doc ($gaps @param/@return tags left implicit)"
for module in ${modules//,/ }; do
    for dir in "$module/target/reports/apidocs" "$module/target/site/apidocs"; do
        [ -f "$dir/index.html" ] && echo "  $dir/index.html"
    done
done
exit 0
