#!/usr/bin/env bash
# Lints and renders the memberflow Helm chart, then checks the rendered manifests.
#
#   scripts/helm-check.sh
#
# Needs Go (to build Helm the first time) and python3 with PyYAML (installed into a private venv if absent).
# Helm: uses `helm` from PATH if it is a v3, else ~/.cache/memberflow/bin/helm, else builds HELM_VERSION from
# the Go module proxy into that directory (a few minutes on 2 cores; cached afterwards).
#
# Environment: HELM_VERSION (default v3.22.0), MEMBERFLOW_BIN_DIR (default ~/.cache/memberflow/bin),
# HELM_CHECK_OUT (default <repo>/target/helm).
# Exit status: 0 when every step passed, 1 otherwise.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="$ROOT/helm/memberflow"
OUT="${HELM_CHECK_OUT:-$ROOT/target/helm}"
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
BIN_DIR="${MEMBERFLOW_BIN_DIR:-$HOME/.cache/memberflow/bin}"
CACHE_DIR="$(dirname "$BIN_DIR")"
RELEASE=memberflow
NAMESPACE=memberflow

declare -a RESULTS=()
FAILED=0
pass() { RESULTS+=("PASS  $1"); echo "  ok: $1"; }
fail() { RESULTS+=("FAIL  $1"); echo "  FAILED: $1" >&2; FAILED=1; }

summary() {
  echo
  echo "==================== helm-check summary ===================="
  printf '%s\n' "${RESULTS[@]}"
  echo "rendered manifests: $OUT"
  if [ "$FAILED" -eq 0 ]; then echo "RESULT: all checks passed"; else echo "RESULT: FAILED"; fi
  echo "============================================================="
}

# --- Helm ------------------------------------------------------------------------------------------------
is_helm3() { "$1" version --template '{{.Version}}' 2>/dev/null | grep -q '^v3\.'; }

build_helm() {
  command -v go >/dev/null || { echo "Go is required to build Helm (none on PATH)" >&2; return 1; }
  mkdir -p "$BIN_DIR"
  local t0=$SECONDS json gomod dir clientgo kminor ldflags
  echo "==> building Helm $HELM_VERSION from the Go module proxy into $BIN_DIR (takes a few minutes)"
  json="$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION")" || return 1
  gomod="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  # Same link-time settings as Helm's release build: its version, and the Kubernetes version it reports
  # (derived from its client-go, v0.N.x -> 1.N) so `helm lint` and .Capabilities match a released binary.
  clientgo="$(awk '$1 == "k8s.io/client-go" { print $2; exit }' "$gomod")"
  kminor="$(printf '%s' "$clientgo" | cut -d. -f2)"
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  if [ -n "$kminor" ]; then
    for pkg in pkg/lint/rules pkg/chartutil; do
      ldflags="$ldflags -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$kminor"
    done
  fi
  if ! GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"; then
    # `go install pkg@version` refuses modules whose go.mod has replace directives: build in the module dir.
    echo "go install refused; building ./cmd/helm inside $dir"
    (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$BIN_DIR/helm" ./cmd/helm) || return 1
  fi
  echo "==> Helm built in $((SECONDS - t0)) s"
}

find_helm() {
  if command -v helm >/dev/null && is_helm3 "$(command -v helm)"; then HELM="$(command -v helm)"; return 0; fi
  if [ -x "$BIN_DIR/helm" ] && is_helm3 "$BIN_DIR/helm"; then HELM="$BIN_DIR/helm"; return 0; fi
  build_helm && [ -x "$BIN_DIR/helm" ] && is_helm3 "$BIN_DIR/helm" && HELM="$BIN_DIR/helm"
}

# --- Python with PyYAML for the manifest checks ----------------------------------------------------------
find_python() {
  if python3 -c 'import yaml' 2>/dev/null; then PY=python3; return 0; fi
  local venv="$CACHE_DIR/venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
    echo "==> installing PyYAML into $venv"
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet pyyaml || return 1
  fi
  PY="$venv/bin/python"
}

# --- Rendered-manifest checks ----------------------------------------------------------------------------
# Usage: check_manifests FILE SCENARIO EXPECTATIONS_JSON
check_manifests() {
  "$PY" - "$@" <<'PYEOF'
import json, re, sys
import yaml

path, scenario, expect = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
docs = [d for d in yaml.safe_load_all(open(path)) if d]
problems = []
def bad(msg): problems.append(msg)

SECRET_ENV = {"STRIPE_WEBHOOK_SECRET", "STRIPE_API_KEY", "CIRCLE_API_TOKEN", "KIT_API_KEY", "ADMIN_TOKEN",
              "SUPPORT_WEBHOOK_URL", "DATASOURCES_DEFAULT_PASSWORD", "TEMPORAL_API_KEY"}
REQUIRED_SECRET_ENV = {"STRIPE_WEBHOOK_SECRET", "DATASOURCES_DEFAULT_PASSWORD"}
CREDENTIAL_LOOKING = re.compile(r"(whsec_[A-Za-z0-9]{8,}|sk_(live|test)_[A-Za-z0-9]+|rk_(live|test)_[A-Za-z0-9]+)")

by_kind = {}
for d in docs:
    by_kind.setdefault(d.get("kind"), []).append(d)

if by_kind.get("Secret"):
    bad("the chart renders a Secret; it must only reference existing ones")
raw = open(path).read()
m = CREDENTIAL_LOOKING.search(raw)
if m:
    bad("something that looks like a credential is rendered: " + m.group(0)[:12] + "...")

deployments = {d["metadata"]["labels"].get("app.kubernetes.io/component"): d for d in by_kind.get("Deployment", [])}
want = expect["deployments"]
if set(deployments) != set(want):
    bad(f"deployments by component {sorted(deployments)}, expected {sorted(want)}")

for comp, dep in deployments.items():
    exp = want.get(comp)
    if exp is None:
        continue
    name = dep["metadata"]["name"]
    spec = dep["spec"]
    if spec.get("replicas") != exp["replicas"]:
        bad(f"{name}: replicas {spec.get('replicas')}, expected {exp['replicas']}")
    pod = spec["template"]["spec"]
    if spec["selector"]["matchLabels"].items() - spec["template"]["metadata"]["labels"].items():
        bad(f"{name}: selector does not match its pod labels")
    psc = pod.get("securityContext") or {}
    if psc.get("runAsNonRoot") is not True:
        bad(f"{name}: pod securityContext.runAsNonRoot is not true")
    containers = pod.get("containers") or []
    if len(containers) != 1:
        bad(f"{name}: expected one container, found {len(containers)}")
        continue
    c = containers[0]
    image = c.get("image") or ""
    if image != expect["image"]:
        bad(f"{name}: image {image!r}, expected {expect['image']!r}")
    csc = c.get("securityContext") or {}
    if csc.get("allowPrivilegeEscalation") is not False:
        bad(f"{name}: allowPrivilegeEscalation is not false")
    for probe, p in (("startupProbe", "/health/liveness"), ("livenessProbe", "/health/liveness"),
                     ("readinessProbe", "/health/readiness")):
        got = ((c.get(probe) or {}).get("httpGet") or {}).get("path")
        if got != p:
            bad(f"{name}: {probe} path {got!r}, expected {p!r}")
    res = c.get("resources") or {}
    if not res.get("requests") or not res.get("limits"):
        bad(f"{name}: resources.requests and resources.limits must both be set")
    env = {}
    for e in c.get("env") or []:
        if e["name"] in env:
            bad(f"{name}: env {e['name']} is set twice")
        env[e["name"]] = e
    def value(n):
        return (env.get(n) or {}).get("value")
    if value("MEMBERFLOW_ROLE") != exp["role"]:
        bad(f"{name}: MEMBERFLOW_ROLE {value('MEMBERFLOW_ROLE')!r}, expected {exp['role']!r}")
    if value("MICRONAUT_CONFIG_FILES") != "/config/memberflow.yml":
        bad(f"{name}: MICRONAUT_CONFIG_FILES is not /config/memberflow.yml")
    if not (value("DATASOURCES_DEFAULT_URL") or "").startswith("jdbc:postgresql://"):
        bad(f"{name}: DATASOURCES_DEFAULT_URL is not a jdbc:postgresql:// URL")
    if not value("TEMPORAL_ADDRESS"):
        bad(f"{name}: TEMPORAL_ADDRESS is empty")
    for n, e in env.items():
        if n in SECRET_ENV:
            ref = (e.get("valueFrom") or {}).get("secretKeyRef")
            if "value" in e or not ref or not ref.get("name") or not ref.get("key"):
                bad(f"{name}: {n} must come from valueFrom.secretKeyRef (name and key), never a value")
            elif n in REQUIRED_SECRET_ENV and ref.get("optional"):
                bad(f"{name}: {n} is required but marked optional")
    for n in REQUIRED_SECRET_ENV | set(expect.get("extraSecretEnv", [])):
        if n not in env:
            bad(f"{name}: {n} is missing")
    for n, v in expect.get("env", {}).items():
        if value(n) != v:
            bad(f"{name}: {n} {value(n)!r}, expected {v!r}")
    mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts") or []}
    vols = {v["name"]: v for v in pod.get("volumes") or []}
    cm = (vols.get(mounts.get("/config")) or {}).get("configMap", {}).get("name")
    if not cm:
        bad(f"{name}: no ConfigMap mounted at /config")
    else:
        cms = {d["metadata"]["name"]: d for d in by_kind.get("ConfigMap", [])}
        if cm not in cms:
            bad(f"{name}: mounts ConfigMap {cm} that the chart does not render")
        else:
            conf = yaml.safe_load(cms[cm]["data"]["memberflow.yml"])
            if "grace-period" not in (conf or {}).get("memberflow", {}):
                bad(f"{cm}: memberflow.yml has no memberflow.grace-period")
    if expect.get("tlsMount"):
        tls_vol = vols.get(mounts.get(expect["tlsMount"])) or {}
        if not tls_vol.get("secret", {}).get("secretName"):
            bad(f"{name}: no Secret volume mounted at {expect['tlsMount']}")

# The Service selects the web (or all) pods and never the worker pods.
svcs = by_kind.get("Service", [])
if len(svcs) != 1:
    bad(f"expected one Service, found {len(svcs)}")
else:
    sel = svcs[0]["spec"]["selector"]
    for comp, dep in deployments.items():
        labels = dep["spec"]["template"]["metadata"]["labels"]
        selected = all(labels.get(k) == v for k, v in sel.items())
        if selected != (comp in ("web", "all")):
            bad(f"Service selector {sel} {'selects' if selected else 'misses'} the {comp} pods")

# One PDB per Deployment with more than one replica, selecting exactly that Deployment's pods.
pdbs = by_kind.get("PodDisruptionBudget", [])
expected_pdbs = sorted(c for c, e in want.items() if e["replicas"] > 1)
got_pdbs = sorted(p["metadata"]["labels"].get("app.kubernetes.io/component") for p in pdbs)
if got_pdbs != expected_pdbs:
    bad(f"PodDisruptionBudgets for {got_pdbs}, expected {expected_pdbs}")
for p in pdbs:
    comp = p["metadata"]["labels"].get("app.kubernetes.io/component")
    dep = deployments.get(comp)
    if dep and p["spec"]["selector"]["matchLabels"] != dep["spec"]["selector"]["matchLabels"]:
        bad(f"PDB {p['metadata']['name']} does not select the {comp} Deployment's pods")

ingresses = by_kind.get("Ingress", [])
if expect.get("ingressTls"):
    if len(ingresses) != 1 or not ingresses[0]["spec"].get("tls"):
        bad("expected one Ingress with TLS")
elif ingresses:
    bad("an Ingress is rendered although ingress.enabled is false")

if problems:
    print(f"  {scenario}: {len(problems)} problem(s)")
    for p in problems:
        print("    - " + p)
    sys.exit(1)
print(f"  {scenario}: {len(docs)} manifests, deployments "
      + ", ".join(f"{c}(role={deployments[c]['spec']['template']['spec']['containers'][0]['env'][0]['value']}, "
                  f"replicas={deployments[c]['spec']['replicas']})" for c in sorted(deployments)))
PYEOF
}

# --- Run ---------------------------------------------------------------------------------------------------
trap summary EXIT

echo "==> Helm"
if find_helm; then pass "helm available: $HELM ($("$HELM" version --template '{{.Version}}'))"; else fail "could not find or build Helm $HELM_VERSION"; exit 1; fi
if find_python; then pass "python with PyYAML: $PY"; else fail "python3 with PyYAML is needed for the manifest checks"; exit 1; fi
mkdir -p "$OUT" || { fail "cannot create $OUT"; exit 1; }

APP_VERSION="$(sed -n 's/^appVersion:[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$CHART/Chart.yaml")"

echo "==> helm lint"
for v in "" "values-production.yaml"; do
  label="helm lint --strict (${v:-default values})"
  if "$HELM" lint --strict "$CHART" ${v:+-f "$CHART/$v"}; then pass "$label"; else fail "$label"; fi
done

# scenario | extra helm args | expectations for the manifest check
render() {
  local scenario="$1" expect="$2"; shift 2
  local file="$OUT/$scenario.yaml"
  echo "==> helm template: $scenario"
  if "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" "$@" > "$file" 2> "$OUT/$scenario.stderr"; then
    pass "helm template $scenario -> ${file#"$ROOT"/}"
  else
    cat "$OUT/$scenario.stderr" >&2
    fail "helm template $scenario"
    return
  fi
  if check_manifests "$file" "$scenario" "$expect"; then pass "manifest checks: $scenario"; else fail "manifest checks: $scenario"; fi
}

render default \
  "{\"image\": \"memberflow:$APP_VERSION\",
    \"deployments\": {\"all\": {\"role\": \"all\", \"replicas\": 1}},
    \"env\": {\"TEMPORAL_TLS_ENABLED\": \"false\"}}"

render production \
  '{"image": "ghcr.io/example/memberflow:0.1.0",
    "deployments": {"web": {"role": "web", "replicas": 2}, "worker": {"role": "worker", "replicas": 3}},
    "env": {"TEMPORAL_TLS_ENABLED": "true"},
    "extraSecretEnv": ["TEMPORAL_API_KEY"],
    "ingressTls": true}' \
  -f "$CHART/values-production.yaml"

render mtls-all-replicated \
  "{\"image\": \"memberflow:$APP_VERSION\",
    \"deployments\": {\"all\": {\"role\": \"all\", \"replicas\": 3}},
    \"env\": {\"TEMPORAL_TLS_ENABLED\": \"true\",
             \"TEMPORAL_TLS_CERT_PATH\": \"/etc/memberflow/temporal-tls/tls.crt\",
             \"TEMPORAL_TLS_KEY_PATH\": \"/etc/memberflow/temporal-tls/tls.key\",
             \"TEMPORAL_TLS_CA_PATH\": \"/etc/memberflow/temporal-tls/ca.crt\"},
    \"tlsMount\": \"/etc/memberflow/temporal-tls\"}" \
  --set replicaCount=3 --set temporal.tls.existingSecret=temporal-client-tls --set temporal.tls.caKey=ca.crt

# Things the chart must refuse.
echo "==> refusals"
refuse() {
  local label="$1"; shift
  if "$HELM" template "$RELEASE" "$CHART" "$@" >/dev/null 2>&1; then fail "accepted: $label"; else pass "refused: $label"; fi
}
refuse "an inline credential (secrets.stripeApiKey=sk_live_...)" --set secrets.stripeApiKey=sk_live_inline
refuse "an empty postgresql.url" --set postgresql.url=
refuse "an empty temporal.address" --set temporal.address=
refuse "a non-integer replica count" --set split.web.replicaCount=two

# NOTES.txt renders for both value sets (helm template does not render it; wrap it in a scratch chart).
echo "==> NOTES.txt"
scratch="$(mktemp -d)"
cp -r "$CHART" "$scratch/chart" && mv "$scratch/chart/templates/NOTES.txt" "$scratch/chart/NOTES.txt"
printf 'notes: |\n{{ tpl (.Files.Get "NOTES.txt") . | indent 2 }}\n' > "$scratch/chart/templates/zz-notes.yaml"
for v in "" "values-production.yaml"; do
  label="NOTES.txt (${v:-default values}) names the three search attributes"
  notes="$("$HELM" template "$RELEASE" "$scratch/chart" --namespace "$NAMESPACE" ${v:+-f "$CHART/$v"} \
           --show-only templates/zz-notes.yaml 2>&1)"
  if grep -q -- '--name MemberState --type Keyword' <<<"$notes" && grep -q -- '--name NeedsAttention --type Bool' <<<"$notes" \
     && grep -q -- '--name PlanName --type Keyword' <<<"$notes"; then
    pass "$label"
  else
    echo "$notes" >&2; fail "$label"
  fi
done
rm -rf "$scratch"

[ "$FAILED" -eq 0 ]
