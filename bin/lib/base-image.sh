#!/usr/bin/env bash
# Builds the local JRE 17 base image the services' images are built on when no image registry is reachable:
# a minimal Debian bookworm with openjdk-17-jre-headless (debootstrap, from the Debian mirror apt uses here),
# imported with podman and saved as a tarball that Jib reads as tar://<file>.
#
#   bin/lib/base-image.sh          print the tarball's path, building it first when it is missing
#   bin/lib/base-image.sh --force  rebuild it
#
# The tarball is cached outside the checkout (AUTOMATIONS_BASE_IMAGE_TAR, default
# ~/.cache/automations/jre17-base.tar) so that it is built once per machine. Needs root (debootstrap), podman.
set -euo pipefail

TAR=${AUTOMATIONS_BASE_IMAGE_TAR:-${XDG_CACHE_HOME:-$HOME/.cache}/automations/jre17-base.tar}
NAME=localhost/automations-jre17-base:1

log() { printf 'base-image: %s\n' "$*" >&2; }

debian_mirror() { # the first Debian mirror apt is configured with (deb822 .sources or one-line .list files)
  local mirror
  mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)
  if [[ -z $mirror ]]; then
    mirror=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' | grep -E '/debian/?$' | head -1 || true)
  fi
  printf '%s\n' "${mirror:-http://deb.debian.org/debian}"
}

if [[ ${1:-} != --force && -s $TAR ]]; then
  printf '%s\n' "$TAR"
  exit 0
fi

command -v debootstrap > /dev/null || { log "debootstrap is missing (apt-get install -y debootstrap)"; exit 1; }
command -v podman > /dev/null || { log "podman is missing (apt-get install -y podman runc)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror=$(debian_mirror)
log "debootstrap bookworm with openjdk-17-jre-headless from $mirror (a few minutes, once per machine)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/root" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; log "debootstrap failed"; exit 1; }
# Nothing of apt's caches or lists belongs in an image.
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*
log "importing as $NAME"
tar -C "$work/root" -c . | podman import --quiet --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$NAME" > /dev/null
mkdir -p "$(dirname "$TAR")"
podman save --quiet --format docker-archive -o "$TAR.tmp" "$NAME"
mv "$TAR.tmp" "$TAR"
log "saved $(du -h "$TAR" | cut -f1) to $TAR"
printf '%s\n' "$TAR"
