#!/usr/bin/env bash
# The test of the container images: the suite comes up from them (`bin/automations up --containers`), the README
# walkthrough's alias -> webhook path is driven with curl against it, the services run as a non-root user, and each
# stops cleanly on SIGTERM. Prints one line `test-images: PASS ...` or `test-images: FAIL ...` at the end.
#
#   bin/lib/test-images.sh
#
# Installs podman, runc and debootstrap from Debian when missing (as root); the JRE base image is built once per
# machine (bin/lib/base-image.sh). Everything listens on free loopback ports; state lives in
# .automations/image-test, databases are automations_imagetest_* on the machine's PostgreSQL.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVICES=(registry-service trigger-service action-service secrets-service)
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

free_base() { # a base B with B+1..B+4 free
  local base
  for _ in $(seq 1 50); do
    base=$((20000 + RANDOM % 20000))
    port_free $((base + 1)) && port_free $((base + 2)) && port_free $((base + 3)) && port_free $((base + 4)) \
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

base=$(free_base) || fail "no four free ports in a row"
export AUTOMATIONS_PORT_BASE=$base
export AUTOMATIONS_KAFKA_PORT
AUTOMATIONS_KAFKA_PORT=$(free_port)
while ! port_free $((AUTOMATIONS_KAFKA_PORT + 1)); do AUTOMATIONS_KAFKA_PORT=$(free_port); done
R=http://127.0.0.1:$((base + 1)) S=http://127.0.0.1:$((base + 4)) A=http://127.0.0.1:$((base + 3))

step "bin/automations up --containers (services on ports $((base + 1))-$((base + 4)), Kafka on $AUTOMATIONS_KAFKA_PORT)"
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
step "walkthrough as entity $e"
api "$R/api/v1/entities" "{\"name\":\"$e\"}" > /dev/null
api "$R/api/v1/entities/$e/projects" '{"name":"fraud"}' > /dev/null
api "$R/api/v1/entities/$e/registries" '{"name":"model"}' > /dev/null
api "$R/api/v1/entities/$e/registries/model/collections" '{"name":"fraud-detector","type":"model"}' > /dev/null
api "$S/api/v1/entities/$e/secrets" '{"name":"CI_TOKEN","value":"s3cr3t"}' > /dev/null
api "$R/api/v1/entities/$e/integrations" \
  "{\"kind\":\"webhook\",\"name\":\"ci\",\"url\":\"http://127.0.0.1:$hook_port/deploy\",\"accessTokenSecret\":\"CI_TOKEN\"}" > /dev/null
automation=$(api "$R/api/v1/entities/$e/automations" '{
  "name": "deploy-on-production",
  "scope":  {"type": "ARTIFACT_COLLECTION", "registry": "model", "collection": "fraud-detector"},
  "event":  {"type": "ADD_ARTIFACT_ALIAS", "filter": {"aliasRegex": "^production$"}},
  "action": {"type": "GENERIC_WEBHOOK", "integration": "ci",
             "payload": {"event": "${event_type}", "version": "${artifact_version_string}", "token": "${ACCESS_TOKEN}"}}
}' | json_id)
artifact=$(api "$R/api/v1/entities/$e/projects/fraud/artifacts" \
  '{"collection":"fraud-model","type":"model","metadata":{"accuracy":0.93}}' | json_id)
api "$R/api/v1/entities/$e/registries/model/collections/fraud-detector/links" "{\"artifactId\":\"$artifact\"}" > /dev/null
api "$R/api/v1/entities/$e/registries/model/collections/fraud-detector/versions/v0/aliases" '{"alias":"staging"}' > /dev/null
api "$R/api/v1/entities/$e/registries/model/collections/fraud-detector/versions/v0/aliases" '{"alias":"production"}' > /dev/null

webhook_arrived() { [[ -s $received ]] && grep -q "\"version\":\"$e/model/fraud-detector:v0\"" "$received"; }
await 60 "the webhook" webhook_arrived
grep -q '^Bearer s3cr3t$' "$received" || fail "the webhook came without the integration's access token: $(cat "$received")"
grep -q '"event":"ADD_ARTIFACT_ALIAS"' "$received" || fail "unexpected webhook body: $(cat "$received")"
(($(grep -c '^{' "$received") == 1)) || fail "expected exactly one webhook (staging must not match): $(cat "$received")"
executions=$(curl -sS --fail-with-body --max-time 20 "${auth[@]}" "$A/api/v1/entities/$e/automations/$automation/executions") \
  || fail "the execution history is not readable"
[[ $executions != *s3cr3t* ]] || fail "the execution history shows the secret"
step "webhook delivered with the secret token; the execution history hides it"

# ---- the containers: non-root, then a clean stop on SIGTERM -------------------------------------------------------

sizes=() readiness=()
for s in "${SERVICES[@]}"; do
  name=$(cat "$STATE/pids/$s.container")
  uid=$(podman exec "$name" id -u) || fail "cannot run id in $name"
  [[ $uid != 0 ]] || fail "$s runs as root"
  pid_user=$(podman top "$name" user | awk 'NR > 1 {print $1}' | sort -u | tr '\n' ' ')
  [[ $pid_user != *root* ]] || fail "$s has processes of root: $pid_user"
  size=$(podman image inspect -f '{{.Size}}' "ghcr.io/automations/$s:0.1.0-jvm")
  sizes+=("$s $((size / 1000000)) MB")
  readiness+=("$s $(podman logs "$name" 2>&1 | sed -n 's/.* started in \([0-9.]*s\).*/\1/p' | head -1)")
done
step "every service runs as a non-root user (uid $uid)"

"$ROOT/bin/automations" down > "$STATE/down.log" 2>&1 || fail "down failed: $(cat "$STATE/down.log")"
for s in "${SERVICES[@]}"; do
  code=$(cat "$STATE/logs/$s.exit-code")
  # The JVM ends with 143 (128 + SIGTERM) after its shutdown hooks ran; 137 would mean it was killed.
  [[ $code == 0 || $code == 143 ]] || fail "$s exited with $code on SIGTERM"
  grep -q "stopped in" "$STATE/logs/$s.log" || fail "$s did not log its shutdown; see $STATE/logs/$s.log"
done
step "every service stopped on SIGTERM with its shutdown logged"

step "image sizes: $(IFS=,; echo "${sizes[*]}")"
step "started in (Quarkus): $(IFS=,; echo "${readiness[*]}"); the whole up --containers: $up_seconds s"
printf 'test-images: PASS in %d s\n' "$((SECONDS - started))"
