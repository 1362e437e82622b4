#!/usr/bin/env bash
# Offline schema check of docs/kubernetes/*.yaml (issue 22): every document is validated against the
# Kubernetes API's OpenAPI schemas bundled in npm's kubernetes-models (types, required fields,
# enums; unknown fields are not flagged by those schemas). A control copy with a wrong type must
# fail, so that a passing check means something. Also `systemd-analyze verify` of the unit in
# docs/systemd where systemd-analyze exists. Prints SKIPPED when node/npm or the packages are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KUBERNETES_MODELS_VERSION=5.1.0
JS_YAML_VERSION=5.5.0

say() { echo "k8s-check: $*"; }
skip() {
    echo "SKIPPED: Kubernetes manifest check ($*)"
    exit 0
}
command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are needed for kubernetes-models"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm init -y >/dev/null 2>&1 \
    && npm install --no-audit --no-fund "kubernetes-models@$KUBERNETES_MODELS_VERSION" "js-yaml@$JS_YAML_VERSION" \
        >npm.log 2>&1) || skip "npm could not install kubernetes-models and js-yaml"
cp .ci/k8s-validate.mjs "$WORK/validate.mjs"

say "validating docs/kubernetes/*.yaml (kubernetes-models $KUBERNETES_MODELS_VERSION)"
(cd "$WORK" && node validate.mjs "$ROOT"/docs/kubernetes/*.yaml)

# The control: the same manifest with a port that is not a number must be refused.
sed 's/containerPort: 8080/containerPort: "eighty-eighty"/' docs/kubernetes/notes.yaml >"$WORK/control.yaml"
if (cd "$WORK" && node validate.mjs control.yaml >control.log 2>&1); then
    cat "$WORK/control.log"
    echo "FAILED: the validator accepted a containerPort that is not a number" >&2
    exit 1
fi
grep -q "containerPort must be integer" "$WORK/control.log" \
    || { cat "$WORK/control.log"; echo "FAILED: the control was refused for another reason" >&2; exit 1; }
say "control: a string containerPort is refused"

if command -v systemd-analyze >/dev/null; then
    # verify needs the binary ExecStart names; java is where the unit says, or the check says why not.
    if [ -x /usr/bin/java ]; then
        cp docs/systemd/notes.service "$WORK/notes.service"
        if systemd-analyze verify "$WORK/notes.service" >"$WORK/systemd.log" 2>&1; then
            say "systemd-analyze verify docs/systemd/notes.service: no complaints"
        else
            cat "$WORK/systemd.log"
            echo "FAILED: systemd-analyze verify refused docs/systemd/notes.service" >&2
            exit 1
        fi
    else
        echo "SKIPPED: systemd-analyze verify (no /usr/bin/java, which the unit's ExecStart names)"
    fi
else
    echo "SKIPPED: systemd-analyze verify (systemd-analyze is not installed)"
fi
echo "OK: Kubernetes manifests valid against the API schemas; control refused"
