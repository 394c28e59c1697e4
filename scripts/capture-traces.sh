#!/usr/bin/env bash
# Regenerate the SIP capture fixtures in test/fixtures/traces/ from the SIPp
# scenarios in test/sipp/<fixture>/ (see test/sipp/README.md).
#
#   usage: sudo bash scripts/capture-traces.sh [--keep] [fixture...]
#          (no fixture: every folder of test/sipp/ that has a capture.conf)
#
# For each fixture, in a network namespace of its own (so nothing else on the
# machine can leak into the capture and no port can clash):
#   1. brings up lo (plus the fd00:: addresses for IPv6, a small MTU to
#      fragment), and starts tcpdump (or dumpcap for pcapng) on it, filtered
#      on the SIP port;
#   2. starts one SIPp 3PCC slave per party (flow side, peers), then the POM
#      master that orders them, and waits for all of them to finish;
#   3. stops the capture cleanly (SIGINT, so the file is complete), checks
#      that the SIP ladder decoded from it (tshark) is exactly ladder.txt,
#      and copies it to test/fixtures/traces/<fixture>.pcap[ng].
# --keep keeps the work directory (SIPp message/error logs) even on success.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/capture-common.sh
source "$ROOT/scripts/capture-common.sh"
SIPP_DIR=$ROOT/test/sipp
OUT_DIR=$ROOT/test/fixtures/traces
SIP_PORT=5060
# 3PCC control connections (TCP, never captured): one port per instance.
declare -A CTRL_PORT=([pom]=7100 [flow]=7110 [agent]=7120 [gateway]=7130 [phone]=7140 [addressee]=7150)
# Party addresses. IPv4: distinct 127.0.0.x on lo. IPv6: ::1 is a single
# address, so the namespace's lo gets fd00::x/128 addresses instead.
declare -A IP4=([pom]=127.0.0.1 [flow]=127.0.0.10 [agent]=127.0.0.20 [phone]=127.0.0.20 [gateway]=127.0.0.30 [addressee]=127.0.0.40)
declare -A IP6=([pom]=127.0.0.1 [flow]=fd00::10 [agent]=fd00::20 [phone]=fd00::20 [gateway]=fd00::30 [addressee]=fd00::40)

die() { echo "capture-traces: $*" >&2; exit 1; }
log() { echo "capture-traces: $*" >&2; }

check_tools() {
  local missing=()
  command -v sipp >/dev/null || missing+=("sipp (apt-get install sip-tester)")
  command -v tcpdump >/dev/null || missing+=("tcpdump (apt-get install tcpdump)")
  command -v ip >/dev/null || missing+=("ip (apt-get install iproute2)")
  command -v tshark >/dev/null || missing+=("tshark, to check the ladder (apt-get install tshark)")
  if ((${#missing[@]})); then
    printf 'capture-traces: missing tool: %s\n' "${missing[@]}" >&2
    die "install them with: apt-get install sip-tester tcpdump iproute2 tshark"
  fi
  [[ $(id -u) == 0 ]] || die "must run as root (it creates network namespaces)"
}

# ---------------------------------------------------------------------------
# One fixture.
# ---------------------------------------------------------------------------

# Per-fixture settings, read from test/sipp/<fixture>/capture.conf.
reset_conf() {
  base=""                # folder whose scenarios are used for roles not in this one
  roles="flow agent gateway"  # SIPp slaves, started in this order; pom is the master
  dialogs=""             # names of the Call-IDs in dialogs.csv, in field order
  transport=udp          # udp | tcp
  family=4               # 4 | 6
  capture=lo             # lo | any (Linux cooked v2) | any-sll (Linux cooked v1)
  mtu=""                 # MTU of lo in the namespace (fragments big UDP datagrams)
  format=pcap            # pcap (tcpdump) | pcapng (dumpcap)
  timeout=180            # seconds before a stuck run is killed
}

# A file of a fixture (a role's scenario, ladder.txt): the fixture's own,
# else the base fixture's.
file_of() {
  local dir=$1 file=$2
  if [[ -f $dir/$file ]]; then echo "$dir/$file"
  elif [[ -n $base && -f $dir/$base/$file ]]; then echo "$dir/$base/$file"
  else die "$(basename "$dir"): no $file (nor in base '$base')"
  fi
}

# Address of a role: as SIPp binds it, and as it appears in a SIP URI.
ip_of() { if [[ $family == 6 ]]; then echo "${IP6[$1]}"; else echo "${IP4[$1]}"; fi; }
urihost_of() { if [[ $family == 6 && $1 != pom ]]; then echo "[$(ip_of "$1")]"; else ip_of "$1"; fi; }

# Waits until a TCP port listens inside the namespace.
wait_listening() {
  local port=$1 i
  for i in $(seq 1 100); do
    ip netns exec "$NS" ss -Hltn "sport = :$port" | grep -q . && return 0
    sleep 0.05
  done
  die "nothing listens on control port $port (see $WORK)"
}

# Waits until the capture tool says it is capturing.
wait_capturing() {
  local i
  for i in $(seq 1 100); do
    grep -qE 'listening on|Capturing on' "$WORK/capture.err" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$WORK/capture.err" >&2
  die "the capture did not start"
}

# Prints the SIP ladder of a capture, one line per SIP message:
#   <dialog>  <from-role> -> <to-role>  <METHOD | status CSeq-method>  [notes]
# notes: Replaces (header), Refer-To:Replaces, sdp:<direction>, sipfrag:<status>,
# dtmf:<signal> (INFO application/dtmf-relay).
# tshark -O prints the IP layer (source, destination) of each frame and then
# each SIP message in it, so a TCP segment holding two messages, a message
# spread over TCP segments or over IP fragments all come out right.
ladder_of() {
  local file=$1 names="" role dialog i=0
  for role in $roles pom; do names+="$(ip_of "$role")=$role "; done
  for dialog in $dialogs; do names+="cid$i=$dialog "; i=$((i + 1)); done
  tshark -r "$file" -O sip,sipfrag,sdp -Y sip 2>/dev/null | awk -v names="$names" -v cids="$(tail -n1 "$WORK/dialogs.csv")" '
    BEGIN {
      n = split(names, pairs, " ")
      for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); role[kv[1]] = kv[2] }
      m = split(cids, c, ";")
      for (i = 1; i <= m; i++) if (c[i] != "") dialog[c[i]] = role["cid" (i - 1)]
    }
    function who(a) { return (a in role) ? role[a] : a }
    function flush() {
      if (what != "") {
        name = (cid in dialog) ? dialog[cid] : cid
        printf "%-11s %s -> %s  %s%s\n", name, who(src), who(dst), what, notes
      }
      what = ""; status = ""; cid = ""; notes = ""; sdp = 0; frag = 0
    }
    /^Internet Protocol Version [46], Src: / {
      flush()
      sub(/.*Src: /, ""); src = $1; sub(/,$/, "", src); dst = $3
    }
    /^Session Initiation Protocol/              { flush() }
    /^    Request-Line: /                        { what = $2 }
    /^    Status-Line: /                         { status = $3 }
    /^        CSeq: /                            { if (status != "") what = status " " $3 }
    /^        Call-ID: /                         { cid = $2 }
    /^        Replaces: /                        { notes = notes "  Replaces" }
    /^        Refer-To: .*Replaces=/             { notes = notes "  Refer-To:Replaces" }
    /^        Signal=/                           { sub(/^ *Signal= */, ""); sub(/\\r\\n$/, ""); notes = notes "  dtmf:" $0 }
    /^        Session Description Protocol$/    { sdp = 1 }
    sdp && /Media Attribute \(a\): (sendrecv|sendonly|recvonly|inactive)$/ { notes = notes "  sdp:" $NF; sdp = 2 }
    /^        Sipfrag$/                          { frag = 1; next }
    frag == 1 && /^            SIP\/2\.0 /    { notes = notes "  sipfrag:" $2; frag = 2 }
    END { flush() }
  '
}

# SIPp 3.6.1 sometimes aborts on its way out in 3PCC extended mode: when the
# master exits, both control connections of a slave close in one poll batch
# and pollset_process() asserts on the socket it already freed. Every SIP
# message is on the wire by then; only that instance's statistics are lost
# (the ladder check below still covers what it sent and received).

capture_fixture() {
  local name=$1 dir=$SIPP_DIR/$1
  [[ -f $dir/capture.conf ]] || die "$name: no $dir/capture.conf"
  reset_conf
  # shellcheck source=/dev/null
  source "$dir/capture.conf"
  local ext=$format out="$OUT_DIR/$name.$format"

  WORK=$(mktemp -d "/tmp/flowc-capture-$name.XXXXXX")
  NS=flowc-cap-$$-$name
  ip netns add "$NS"
  trap 'cleanup' EXIT
  ip netns exec "$NS" ip link set lo up
  if [[ -n $mtu ]]; then ip netns exec "$NS" ip link set lo mtu "$mtu"; fi
  if [[ $family == 6 ]]; then
    local role
    for role in $roles; do ip netns exec "$NS" ip -6 addr add "$(ip_of "$role")/128" dev lo nodad; done
  fi

  # The Call-IDs POM hands out to the flow's dialogs: random, like a real
  # stack's, and the same on every instance that needs to name a dialog.
  local i cids=""
  for i in 0 1 2 3 4 5 6 7; do
    cids+="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')@$(ip_of flow);"
  done
  printf 'SEQUENTIAL\n%s\n' "$cids" > "$WORK/dialogs.csv"

  # Who is where on the 3PCC control network; SIPp wants one copy per instance.
  local cfg="" role
  for role in pom $roles; do cfg+="$role;127.0.0.1:${CTRL_PORT[$role]}"$'\n'; done
  for role in pom $roles; do printf '%s' "$cfg" > "$WORK/$role.cfg"; done

  # Capture: the SIP port, plus IPv4 fragments after the first (they carry
  # no UDP header, so a port filter alone would drop them).
  local filter="port $SIP_PORT or (ip[6:2] & 0x1fff != 0)"
  local tmp=$WORK/capture.$ext
  case $capture-$format in
    lo-pcap)      ip netns exec "$NS" tcpdump -i lo --immediate-mode -U -n -s 0 -w "$tmp" "$filter" 2>"$WORK/capture.err" & ;;
    any-pcap)     ip netns exec "$NS" tcpdump -i any -y LINUX_SLL2 --immediate-mode -U -n -s 0 -w "$tmp" "$filter" 2>"$WORK/capture.err" & ;;
    any-sll-pcap) ip netns exec "$NS" tcpdump -i any -y LINUX_SLL --immediate-mode -U -n -s 0 -w "$tmp" "$filter" 2>"$WORK/capture.err" & ;;
    lo-pcapng)
      command -v dumpcap >/dev/null || die "$name needs dumpcap (apt-get install wireshark-common)"
      ip netns exec "$NS" dumpcap -i lo -f "$filter" -w "$tmp" 2>"$WORK/capture.err" & ;;
    *) die "$name: unknown capture '$capture' / format '$format'" ;;
  esac
  CAPTURE_PID=$!
  wait_capturing

  # SIPp instances. Every party gets the same keys, so a scenario can name
  # any other party: [<role>_ip] for setdest, [<role>_host] inside URIs.
  local keys=() r
  for r in flow agent phone gateway addressee; do
    keys+=(-key "${r}_ip" "$(ip_of "$r")" -key "${r}_host" "$(urihost_of "$r")")
  done
  local common=(-nostdin -trace_err -trace_msg -trace_screen "${keys[@]}")
  local tflag_slave="-t u1" tflag_flow="-t u1"
  if [[ $transport == tcp ]]; then
    # The flow side reaches two peers (agent, gateway) from one instance;
    # SIPp can only do that over TCP with one connection per call (tn).
    # A peer keeps its calls when the flow closes a dialog's connection
    # (-reconnect_close false), so it can still report the dialog's end.
    tflag_slave="-t t1 -reconnect_close false"; tflag_flow="-t tn -max_socket 64"
  fi
  SIPP_PIDS=()
  for role in $roles; do
    local remote=gateway tflag=$tflag_slave
    [[ $role == gateway || $role == agent || $role == phone || $role == addressee ]] && remote=flow
    [[ $role == flow ]] && tflag=$tflag_flow
    # Extra SIPp options for one role: <role>_args in capture.conf.
    local extra_var="${role}_args"
    # shellcheck disable=SC2086
    (cd "$WORK" && exec ip netns exec "$NS" timeout "$timeout" sipp \
      -slave "$role" -slave_cfg "$WORK/$role.cfg" -sf "$(file_of "$dir" "$role.xml")" \
      -i "$(ip_of "$role")" -p "$SIP_PORT" -mi "$(ip_of "$role")" $tflag ${!extra_var:-} \
      "${common[@]}" -message_file "$WORK/$role.msg" -error_file "$WORK/$role.err" \
      -screen_file "$WORK/$role.screen" \
      "$(urihost_of "$remote"):$SIP_PORT" >"$WORK/$role.out" 2>&1) &
    SIPP_PIDS+=($!)
    wait_listening "${CTRL_PORT[$role]}"
  done

  # POM last (SIPp wants the master started after its slaves). It sends no
  # SIP; its own call is Call-ID "pom", where the slaves send their reports.
  local rc=0
  (cd "$WORK" && exec ip netns exec "$NS" timeout "$timeout" sipp \
    -master pom -slave_cfg "$WORK/pom.cfg" -sf "$(file_of "$dir" pom.xml)" \
    -inf "$WORK/dialogs.csv" -cid_str pom -m 1 \
    -i 127.0.0.1 -p 5099 -mi 127.0.0.1 -mp 6090 \
    "${common[@]}" -message_file "$WORK/pom.msg" -error_file "$WORK/pom.err" \
    -screen_file "$WORK/pom.screen" 127.0.0.1:5098 >"$WORK/pom.out" 2>&1) || rc=$?
  # A failed master may never have connected to the slaves: stop them.
  if [[ $rc != 0 ]]; then kill "${SIPP_PIDS[@]}" 2>/dev/null || true; fi
  # The slaves exit when the master closes its control connections.
  local pid
  for pid in "${SIPP_PIDS[@]}"; do wait "$pid" || true; done
  SIPP_PIDS=()

  # tcpdump runs in immediate mode; dumpcap may hold packets up to its 1 s
  # buffer timeout, so give the last ones time to reach the file.
  sleep 1.5
  kill -INT "$CAPTURE_PID"; wait "$CAPTURE_PID" || true
  CAPTURE_PID=""

  if [[ $rc != 0 ]] && ! crashed_at_exit pom; then
    tail -n 20 "$WORK"/*.err >&2 || true
    die "$name: POM (master) exited with $rc, see $WORK"
  fi
  # Every SIPp call of every instance must have reached its scenario's end
  # (the slaves' exit code says nothing: they are stopped by the master).
  for role in pom $roles; do
    if crashed_at_exit "$role"; then
      log "$name: $role: SIPp aborted while exiting (known 3PCC shutdown race), no call statistics"
      continue
    fi
    local calls
    calls=$(awk -F'|' '/Total Calls created|Successful call|Failed call/ { gsub(/ /, "", $3); printf "%s ", $3 }' "$WORK/$role.screen")
    read -r created ok failed <<<"$calls"
    [[ $failed == 0 && $ok == "$created" ]] ||
      die "$name: $role: $created SIPp calls, $ok successful, $failed failed (see $WORK/$role.*)"
  done

  # The ladder in the capture must be exactly the expected one.
  # (So is the number of SIP messages, which the log line reports.)
  local expected; expected=$(file_of "$dir" ladder.txt)
  ladder_of "$tmp" > "$WORK/ladder.txt"
  local count; count=$(wc -l < "$WORK/ladder.txt")
  if ! diff -u "$expected" "$WORK/ladder.txt" >&2; then
    die "$name: the capture's ladder differs from ${expected#"$ROOT"/}:" \
      "$(wc -l < "$expected") SIP messages expected, $count captured (capture kept in $WORK)"
  fi
  mkdir -p "$OUT_DIR"
  cp "$tmp" "$out"
  log "$name: $count SIP messages, $(stat -c %s "$out") bytes -> ${out#"$ROOT"/}"
}


run_cases capture_fixture "$SIPP_DIR" capture.conf "$@"
