#!/usr/bin/env bash
# Builds the JVM-mode images of the four services and the console with Jib (the Maven profile `images`) into the local
# container engine, tagged as the chart names them: ghcr.io/automations/<service>:0.1.0-jvm (and .../console:0.1.0-jvm).
# Their OCI label `version` is the project's version (0.1.0-SNAPSHOT), not the tag.
#
#   bin/lib/build-images.sh                  base: the local Debian JRE 17 image (bin/lib/base-image.sh, built once)
#   AUTOMATIONS_BASE_IMAGE=<ref> bin/lib/build-images.sh   any other base Jib can read (registry, docker://, tar://)
#
# Without AUTOMATIONS_BASE_IMAGE and with a registry at hand, `./mvnw -Pimages ... package` alone builds on Quarkus'
# default base (registry.access.redhat.com/ubi9/openjdk-17-runtime).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=engine.sh
source "$ROOT/bin/lib/engine.sh"
SERVICES=${AUTOMATIONS_IMAGE_SERVICES:-registry-service,trigger-service,action-service,secrets-service,console}

engine=$(container_engine) || { echo "build-images: no podman, and no Docker daemon answering" >&2; exit 1; }
base=${AUTOMATIONS_BASE_IMAGE:-tar://$("$ROOT/bin/lib/base-image.sh")}
revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || revision="$revision-dirty"
# The project version: the root pom's own <version>, the one indented once (dependencies' are deeper).
version=$(cd "$ROOT" && sed -n 's:^    <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
source=$(cd "$ROOT" && sed -n 's:.*<images.source>\(.*\)</images.source>.*:\1:p' pom.xml | head -1)

echo "build-images: $SERVICES on $base, into $engine" >&2
cd "$ROOT"
# Label keys contain dots, so they are quoted configuration names, which a pom's property elements cannot spell.
./mvnw -B -Pimages -pl "$SERVICES" -am package -DskipTests -DskipITs \
  -Dimages.loader="$engine" -Dimages.revision="$revision" \
  -Dquarkus.jib.base-jvm-image="$base" \
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.version\"=$version" \
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.source\"=$source" \
  "-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$revision"
