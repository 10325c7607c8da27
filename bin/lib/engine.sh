# Sourced by bin/automations and bin/lib/*.sh: the container engine that runs the suite's images.
# podman (daemonless; Debian's 4.3 needs runc and explicit ulimits on machines like the CI's) or a Docker whose daemon
# answers. AUTOMATIONS_ENGINE=podman|docker chooses.

container_engine() {
  if [[ -n ${AUTOMATIONS_ENGINE:-} ]]; then
    printf '%s\n' "$AUTOMATIONS_ENGINE"
  elif command -v podman > /dev/null; then
    printf 'podman\n'
  elif command -v docker > /dev/null && docker info > /dev/null 2>&1; then
    printf 'docker\n'
  else
    return 1
  fi
}

# Options of `run` for the engine: podman with runc (crun fails on cgroups in hybrid mode) and ulimits the sandbox
# allows (podman's defaults exceed them).
engine_run_options() { # engine
  if [[ $1 == podman ]]; then
    printf '%s\n' --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024
  fi
}
