# Shared by the capture scripts (sourced, not run): what a capture run does
# around its own fixture logic. The sourcing script defines `log`, `die` and
# `check_tools`, and sets WORK, NS, CAPTURE_PID and SIPP_PIDS while a case runs.

# SIPp 3.6.1 may assert on its way out in 3PCC extended mode once every
# message is on the wire: not a failure of the capture.
crashed_at_exit() {
  local role=$1
  grep -q "Assertion .sock' failed" "$WORK/$role.out" 2>/dev/null &&
    { [[ $role == pom ]] || grep -q 'One of the twin instances has ended' "$WORK/$role.err" 2>/dev/null; }
}

cleanup() {
  local pid
  for pid in "${SIPP_PIDS[@]:-}" ${CAPTURE_PID:-}; do [[ -n $pid ]] && kill "$pid" 2>/dev/null || true; done
  [[ -n ${NS:-} ]] && ip netns del "$NS" 2>/dev/null || true
  if [[ -n ${WORK:-} && -d $WORK ]]; then
    if [[ ${KEEP:-0} == 1 || ${FAILED:-1} == 1 ]]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
  fi
}

# run_cases CAPTURE_FN DIR MARKER [--keep] [name...]: every folder of DIR holding MARKER unless names are given.
run_cases() {
  local capture=$1 dir=$2 marker=$3
  shift 3
  KEEP=0
  if [[ ${1:-} == --keep ]]; then KEEP=1; shift; fi
  check_tools
  local names=("$@")
  if ((${#names[@]} == 0)); then
    local found
    for found in "$dir"/*/"$marker"; do names+=("$(basename "$(dirname "$found")")"); done
  fi
  local name
  for name in "${names[@]}"; do
    FAILED=1
    # Each case in a subshell: its namespace, processes and trap are its own.
    ( "$capture" "$name"; FAILED=0; cleanup; trap - EXIT ) || die "$name failed"
  done
}
