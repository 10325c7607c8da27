#!/usr/bin/env bash
# The test of the container images: the suite comes up from them (`bin/automations up --containers`), the README
# walkthrough's alias -> webhook path is driven with curl through the console's front door, the four services and the
# console run as a non-root user, and each stops cleanly on SIGTERM. Prints one line `test-images: PASS ...` or `test-images: FAIL ...` at the end.
#
#   bin/lib/test-images.sh
#
# Installs podman, runc and debootstrap from Debian when missing (as root); the JRE base image is built once per
# machine (bin/lib/base-image.sh). Everything listens on free loopback ports; state lives in
# .automations/image-test, databases are automations_imagetest_* on the machine's PostgreSQL.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
APPS=(registry-service trigger-service action-service secrets-service console)
started=$SECONDS

export AUTOMATIONS_STATE="$ROOT/.automations/image-test"
export AUTOMATIONS_DB_PREFIX=automations_imagetest
STATE=$AUTOMATIONS_STATE
mkdir -p "$STATE"
receiver_pid=""

fail() {
  printf 'test-images: FAIL after %d s: %s\n' "$((SECONDS - started))" "$*"
  exit 1
}

cleanup() {
  [[ -n $receiver_pid ]] && kill "$receiver_pid" 2> /dev/null || true
  "$ROOT/bin/automations" down > /dev/null 2>&1 || true
}
trap cleanup EXIT

step() { printf 'test-images: %s\n' "$*"; }

free_port() { # one port nothing listens on
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

free_base() { # a base B with B..B+4 free (the console on B, the services on B+1..B+4)
  local base
  for _ in $(seq 1 50); do
    base=$((20000 + RANDOM % 20000))
    port_free "$base" && port_free $((base + 1)) && port_free $((base + 2)) && port_free $((base + 3)) && port_free $((base + 4)) \
      && { echo "$base"; return; }
  done
  return 1
}

await() { # seconds description command...: poll a condition, never a fixed sleep
  local seconds=$1 what=$2
  local deadline=$((SECONDS + seconds))
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out after $seconds s waiting for $what"
    sleep 0.5
  done
}

container_ready_seconds() { # container: from its start to Quarkus' "started in" line, by the engine's clocks
  local started_ms line_ms
  started_ms=$(podman container inspect -f '{{.State.StartedAt.UnixMilli}}' "$1")
  line_ms=$(date -d "$(podman logs -t "$1" 2>&1 | grep -m1 ' started in ' | cut -d' ' -f1)" +%s%3N) || return 0
  printf '%d.%d\n' $(((line_ms - started_ms) / 1000)) $(((line_ms - started_ms) % 1000 / 100))
}

# ---- machine ----------------------------------------------------------------------------------------------------

if ! command -v podman > /dev/null || ! command -v runc > /dev/null || ! command -v debootstrap > /dev/null; then
  [[ $(id -u) == 0 ]] || fail "podman, runc and debootstrap are missing (apt-get install -y podman runc debootstrap)"
  step "installing podman, runc and debootstrap from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap > /tmp/test-images-apt.log 2>&1 \
    || { apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap \
      > /tmp/test-images-apt.log 2>&1; } || fail "apt-get install failed; see /tmp/test-images-apt.log"
fi
export AUTOMATIONS_ENGINE=podman
"$ROOT/bin/lib/base-image.sh" > /dev/null || fail "the base image could not be built"

# ---- up ---------------------------------------------------------------------------------------------------------

base=$(free_base) || fail "no five free ports in a row"
export AUTOMATIONS_PORT_BASE=$base
export AUTOMATIONS_KAFKA_PORT
AUTOMATIONS_KAFKA_PORT=$(free_port)
while ! port_free $((AUTOMATIONS_KAFKA_PORT + 1)); do AUTOMATIONS_KAFKA_PORT=$(free_port); done
# The walkthrough's one base URL: the console's front door, which hands /api/v1 to the owning service.
API=http://127.0.0.1:$base

step "bin/automations up --containers (console on $base, services on $((base + 1))-$((base + 4)), Kafka on $AUTOMATIONS_KAFKA_PORT)"
up_started=$SECONDS
"$ROOT/bin/automations" up --containers > "$STATE/up.log" 2>&1 || { cat "$STATE/up.log" || true; fail "up --containers failed"; }
up_seconds=$((SECONDS - up_started))

# ---- the walkthrough: an alias lands on a version, the webhook arrives ----------------------------------------------

received="$STATE/received"
rm -f "$received"
hook_port=$(free_port)
python3 -c '
import http.server, sys
out = sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        with open(out, "a") as f:
            f.write(self.headers.get("Authorization", "") + "\n" + body + "\n")
        self.send_response(204); self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$hook_port" "$received" &
receiver_pid=$!

KEY=$(cat "$STATE/admin-api-key")
auth=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
api() { # url body: POST, fail on an HTTP error, print the response
  curl -sS --fail-with-body --max-time 20 "${auth[@]}" "$1" -d "$2" || fail "POST $1 failed"
}
json_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

e="acme-$RANDOM$RANDOM"
step "walkthrough as entity $e, through the console at $API"
api "$API/api/v1/entities" "{\"name\":\"$e\"}" > /dev/null
api "$API/api/v1/entities/$e/projects" '{"name":"fraud"}' > /dev/null
api "$API/api/v1/entities/$e/registries" '{"name":"model"}' > /dev/null
api "$API/api/v1/entities/$e/registries/model/collections" '{"name":"fraud-detector","type":"model"}' > /dev/null
api "$API/api/v1/entities/$e/secrets" '{"name":"CI_TOKEN","value":"s3cr3t"}' > /dev/null
api "$API/api/v1/entities/$e/integrations" \
  "{\"kind\":\"webhook\",\"name\":\"ci\",\"url\":\"http://127.0.0.1:$hook_port/deploy\",\"accessTokenSecret\":\"CI_TOKEN\"}" > /dev/null
automation=$(api "$API/api/v1/entities/$e/automations" '{
  "name": "deploy-on-production",
  "scope":  {"type": "ARTIFACT_COLLECTION", "registry": "model", "collection": "fraud-detector"},
  "event":  {"type": "ADD_ARTIFACT_ALIAS", "filter": {"aliasRegex": "^production$"}},
  "action": {"type": "GENERIC_WEBHOOK", "integration": "ci",
             "payload": {"event": "${event_type}", "version": "${artifact_version_string}", "token": "${ACCESS_TOKEN}"}}
}' | json_id)
artifact=$(api "$API/api/v1/entities/$e/projects/fraud/artifacts" \
  '{"collection":"fraud-model","type":"model","metadata":{"accuracy":0.93}}' | json_id)
api "$API/api/v1/entities/$e/registries/model/collections/fraud-detector/links" "{\"artifactId\":\"$artifact\"}" > /dev/null
api "$API/api/v1/entities/$e/registries/model/collections/fraud-detector/versions/v0/aliases" '{"alias":"staging"}' > /dev/null
api "$API/api/v1/entities/$e/registries/model/collections/fraud-detector/versions/v0/aliases" '{"alias":"production"}' > /dev/null

webhook_arrived() { [[ -s $received ]] && grep -q "\"version\":\"$e/model/fraud-detector:v0\"" "$received"; }
await 60 "the webhook" webhook_arrived
grep -q '^Bearer s3cr3t$' "$received" || fail "the webhook came without the integration's access token: $(cat "$received")"
grep -q '"event":"ADD_ARTIFACT_ALIAS"' "$received" || fail "unexpected webhook body: $(cat "$received")"
(($(grep -c '^{' "$received") == 1)) || fail "expected exactly one webhook (staging must not match): $(cat "$received")"
executions=$(curl -sS --fail-with-body --max-time 20 "${auth[@]}" "$API/api/v1/entities/$e/automations/$automation/executions") \
  || fail "the execution history is not readable"
[[ $executions != *s3cr3t* ]] || fail "the execution history shows the secret"
step "webhook delivered with the secret token; the execution history hides it"

# ---- the containers: non-root, then a clean stop on SIGTERM -------------------------------------------------------

# The project version, the OCI label every image must carry (not the image tag).
version=$(sed -n 's:^    <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)
sizes=() readiness=()
for s in "${APPS[@]}"; do
  [[ -f $STATE/pids/$s.container ]] || fail "$s does not run in a container"
  name=$(cat "$STATE/pids/$s.container")
  image="ghcr.io/automations/$s:0.1.0-jvm"
  [[ $(podman container inspect -f '{{.ImageName}}' "$name") == "$image" ]] || fail "$name does not run $image"
  uid=$(podman exec "$name" id -u) || fail "cannot run id in $name"
  [[ $uid != 0 ]] || fail "$s runs as root"
  pid_user=$(podman top "$name" user | awk 'NR > 1 {print $1}' | sort -u | tr '\n' ' ')
  [[ $pid_user != *root* ]] || fail "$s has processes of root: $pid_user"
  label=$(podman image inspect -f '{{index .Labels "org.opencontainers.image.version"}}' "$image")
  [[ $label == "$version" ]] || fail "$image is labelled version '$label', not the project's $version"
  size=$(podman image inspect -f '{{.Size}}' "$image")
  sizes+=("$s $((size / 1000000)) MB")
  readiness+=("$s $(container_ready_seconds "$name") s (Quarkus: $(podman logs "$name" 2>&1 \
    | sed -n 's/.* started in \([0-9.]*s\).*/\1/p' | head -1))")
done
step "the four services and the console run as a non-root user (uid $uid), images labelled version $version"

"$ROOT/bin/automations" down > "$STATE/down.log" 2>&1 || fail "down failed: $(cat "$STATE/down.log")"
for s in "${APPS[@]}"; do
  code=$(cat "$STATE/logs/$s.exit-code")
  # The JVM ends with 143 (128 + SIGTERM) after its shutdown hooks ran; 137 would mean it was killed.
  [[ $code == 0 || $code == 143 ]] || fail "$s exited with $code on SIGTERM"
  grep -q "stopped in" "$STATE/logs/$s.log" || fail "$s did not log its shutdown; see $STATE/logs/$s.log"
done
step "every container stopped on SIGTERM with its shutdown logged"

step "image sizes: $(IFS=,; echo "${sizes[*]}")"
step "container start to ready: $(IFS=,; echo "${readiness[*]}"); the whole up --containers: $up_seconds s"
printf 'test-images: PASS in %d s\n' "$((SECONDS - started))"
