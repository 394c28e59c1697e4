#!/usr/bin/env bash
# Regenerate the Kalliope captures whose keys travel as RFC 4733 (RFC 2833)
# telephone-events in RTP, from test/sipp/kalliope-rfc2833/ (see its README).
#
#   usage: sudo bash scripts/capture-kalliope-rfc2833.sh [--keep] [case...]
#          (no case: every folder of test/sipp/kalliope-rfc2833/ with a steps.txt)
#
# Separate from scripts/capture-traces.sh, which records SIP only (port
# 5060): these captures need the RTP too, and their parties are driven by
# a list of steps instead of a hand-written POM scenario. For each case, in
# a network namespace of its own:
#   1. brings up lo and starts tcpdump on it for all UDP (SIP and RTP; the
#      3PCC control connections are TCP and stay out);
#   2. writes POM's scenario (pom.xml) from the case's steps.txt, starts one
#      SIPp 3PCC slave per party (the PBX, the phone, the gateway, the
#      addressee), then POM, and waits for all of them;
#   3. stops the capture, checks that the ladder decoded from it (tshark:
#      SIP messages, and one line per key press in the RTP) is exactly the
#      case's ladder.txt, and copies it to
#      test/fixtures/traces/kalliope-rfc2833-<case>.pcap.
# --keep keeps the work directory (SIPp logs, pom.xml) even on success.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/capture-common.sh
source "$ROOT/scripts/capture-common.sh"
CASES_DIR=$ROOT/test/sipp/kalliope-rfc2833
OUT_DIR=$ROOT/test/fixtures/traces
# Debian's sip-tester ships one recording per key (dtmf_2833_<key>.pcap).
PCAP_DIR=${SIPP_PCAP_DIR:-/usr/share/sip-tester}
SIP_PORT=5060
ROLES="flow phone gateway addressee"
# The Call-IDs POM hands out, in this order ([field0] ...).
DIALOGS="transferer transferred addressee failover addressee2 addressee3 addressee4 addressee5"
declare -A CTRL_PORT=([pom]=7100 [flow]=7110 [phone]=7140 [gateway]=7130 [addressee]=7150)
declare -A IP=([pom]=127.0.0.1 [flow]=127.0.0.10 [phone]=127.0.0.20 [gateway]=127.0.0.30 [addressee]=127.0.0.40)
declare -A SCENARIO=([flow]=flow.xml [phone]=phone.xml [gateway]=peer.xml [addressee]=peer.xml)
# Where each party says its media is (SDP); the phone sends its keys from there.
declare -A MEDIA_PORT=([flow]=16000 [phone]=50000 [gateway]=30000 [addressee]=40000)

die() { echo "capture-kalliope-rfc2833: $*" >&2; exit 1; }
log() { echo "capture-kalliope-rfc2833: $*" >&2; }

check_tools() {
  local tool
  for tool in sipp tcpdump ip tshark; do
    command -v "$tool" >/dev/null || die "missing $tool: apt-get install sip-tester tcpdump iproute2 tshark"
  done
  [[ -f $PCAP_DIR/dtmf_2833_pound.pcap ]] || die "no $PCAP_DIR/dtmf_2833_*.pcap (sip-tester's examples; set SIPP_PCAP_DIR)"
  [[ $(id -u) == 0 ]] || die "must run as root (network namespaces, and SIPp sends RTP on a raw socket)"
}

# The [fieldN] of a dialog name.
field_of() {
  local name=$1 i=0 d
  for d in $DIALOGS; do
    [[ $d == "$name" ]] && { echo "field$i"; return; }
    i=$((i + 1))
  done
  die "unknown dialog '$name' (known: $DIALOGS)"
}

# POM's scenario from steps.txt. A step is
#   <dialog> <party> <command> [<args>] -> <reporting party> <event>
# (POM sends the command on that dialog's Call-ID and waits for the report),
# or `pause <ms>` (human timing); a line starting with # is a comment.
write_pom() {
  local steps=$1 out=$2 line
  {
    printf '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">\n'
    printf '<!-- Written by scripts/capture-kalliope-rfc2833.sh from %s -->\n' "${steps#"$ROOT"/}"
    printf '<scenario name="kalliope-rfc2833: POM (3PCC master)">\n'
    while IFS= read -r line || [[ -n $line ]]; do
      # Whole-line comments only: `#` is also a key.
      [[ -z ${line//[[:space:]]/} || $line =~ ^[[:space:]]*# ]] && continue
      local words
      read -r -a words <<<"$line"
      if [[ ${words[0]} == pause ]]; then
        printf '  <pause milliseconds="%s" />\n' "${words[1]}"
        continue
      fi
      local n=${#words[@]}
      ((n >= 6)) && [[ ${words[n - 3]} == "->" ]] || die "bad step: $line"
      local dialog=${words[0]} party=${words[1]} command=${words[2]} reporter=${words[n - 2]} event=${words[n - 1]}
      local args="${words[*]:3:n-6}"
      [[ -n ${SCENARIO[$party]:-} && -n ${SCENARIO[$reporter]:-} ]] || die "unknown party in: $line"
      printf '  <sendCmd dest="%s">\n    <![CDATA[\n      Call-ID: [%s]\n      From: pom\n      X-Cmd: %s\n      X-Args: %s\n    ]]>\n  </sendCmd>\n' \
        "$party" "$(field_of "$dialog")" "$command" "${args:--}"
      printf '  <recvCmd src="%s">\n    <action><ereg regexp="X-Event: %s$" search_in="msg" check_it="true" assign_to="junk" /></action>\n  </recvCmd>\n' \
        "$reporter" "$event"
    done <"$steps"
    # Never reached: SIPp needs one SIP element for the master to run as a
    # client, and connects the master only to the slaves its scenario names.
    printf '  <nop next="end" />\n'
    local role
    for role in $ROLES; do
      printf '  <sendCmd dest="%s">\n    <![CDATA[\n      Call-ID: never-sent\n      From: pom\n    ]]>\n  </sendCmd>\n' "$role"
    done
    printf '  <send>\n    <![CDATA[\n\n      OPTIONS sip:[remote_ip] SIP/2.0\n      Call-ID: [call_id]\n      Content-Length: 0\n\n    ]]>\n  </send>\n'
    printf '  <label id="end" />\n</scenario>\n'
  } >"$out"
}

# The ladder of a capture, one line per SIP message and one per key press:
#   <dialog>  <from> -> <to>  <METHOD | status CSeq-method>  [sdp:<direction>] [Refer-To:<uri>] [sipfrag:<status>]
#   rtp       <from> -> <to>  telephone-event  dtmf:<key>
# A key press is reported at its first end packet (the E bit), once: the
# recording's three end packets, and the same recording played again, are
# told apart by the packet before (the press has to start again first).
ladder_of() {
  local file=$1 names="" role dialog i=0
  for role in $ROLES pom; do names+="${IP[$role]}=$role "; done
  for dialog in $DIALOGS; do names+="cid$i=$dialog "; i=$((i + 1)); done
  tshark -r "$file" -o rtp.heuristic_rtp:TRUE -Y 'sip || rtpevent' -T fields -E separator='|' \
    -e ip.src -e ip.dst -e sip.Call-ID -e sip.Method -e sip.Status-Code -e sip.CSeq.method -e sdp.media_attr \
    -e rtpevent.event_id -e rtpevent.end_of_event -e sip.Refer-To -e sipfrag.line 2>/dev/null |
    awk -F'|' -v names="$names" -v cids="$(tail -n1 "$WORK/dialogs.csv")" '
      BEGIN {
        n = split(names, pairs, " ")
        for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); role[kv[1]] = kv[2] }
        m = split(cids, c, ";")
        for (i = 1; i <= m; i++) if (c[i] != "") dialog[c[i]] = role["cid" (i - 1)]
        split("0 1 2 3 4 5 6 7 8 9 * # A B C D", key, " ")
      }
      function who(a) { return (a in role) ? role[a] : a }
      $3 != "" {
        what = ($4 != "") ? $4 : $5 " " $6
        notes = ""
        if (match($7, /(sendrecv|sendonly|recvonly|inactive)/)) notes = "  sdp:" substr($7, RSTART, RLENGTH)
        if ($10 != "") { gsub(/[<>]/, "", $10); notes = notes "  Refer-To:" $10 }
        if (match($11, /^SIP\/2\.0 [0-9]+/)) notes = notes "  sipfrag:" substr($11, 9, RLENGTH - 8)
        printf "%-11s %s -> %s  %s%s\n", (($3 in dialog) ? dialog[$3] : $3), who($1), who($2), what, notes
        next
      }
      $8 != "" {
        stream = $1 ">" $2
        if ($9 == 1 && ended[stream] != 1) printf "%-11s %s -> %s  telephone-event  dtmf:%s\n", "rtp", who($1), who($2), key[$8 + 1]
        ended[stream] = $9
      }
    '
}


capture_case() {
  local name=$1 dir=$CASES_DIR/$1
  [[ -f $dir/steps.txt && -f $dir/ladder.txt ]] || die "$name: needs $dir/steps.txt and ladder.txt"
  local out=$OUT_DIR/kalliope-rfc2833-$name.pcap
  WORK=$(mktemp -d "/tmp/flowc-rfc2833-$name.XXXXXX")
  NS=flowc-2833-$$-$name
  ip netns add "$NS"
  trap 'cleanup' EXIT
  ip netns exec "$NS" ip link set lo up
  cp "$PCAP_DIR"/dtmf_2833_*.pcap "$WORK/"

  local i cids=""
  for i in 0 1 2 3 4 5 6 7; do cids+="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')@${IP[flow]};"; done
  printf 'SEQUENTIAL\n%s\n' "$cids" >"$WORK/dialogs.csv"
  write_pom "$dir/steps.txt" "$WORK/pom.xml"

  local cfg="" role
  for role in pom $ROLES; do cfg+="$role;127.0.0.1:${CTRL_PORT[$role]}"$'\n'; done
  for role in pom $ROLES; do printf '%s' "$cfg" >"$WORK/$role.cfg"; done

  ip netns exec "$NS" tcpdump -i lo --immediate-mode -U -n -s 0 -w "$WORK/capture.pcap" udp 2>"$WORK/capture.err" &
  CAPTURE_PID=$!
  for i in $(seq 1 100); do grep -q 'listening on' "$WORK/capture.err" 2>/dev/null && break; sleep 0.05; done
  grep -q 'listening on' "$WORK/capture.err" || die "the capture did not start"

  local keys=() r
  for r in flow phone gateway addressee; do keys+=(-key "${r}_ip" "${IP[$r]}" -key "${r}_host" "${IP[$r]}"); done
  local common=(-nostdin -trace_err -trace_msg -trace_screen "${keys[@]}")
  SIPP_PIDS=()
  for role in $ROLES; do
    local remote=gateway
    [[ $role != flow ]] && remote=flow
    (cd "$WORK" && exec ip netns exec "$NS" timeout 120 sipp \
      -slave "$role" -slave_cfg "$WORK/$role.cfg" -sf "$CASES_DIR/${SCENARIO[$role]}" \
      -i "${IP[$role]}" -p "$SIP_PORT" -mi "${IP[$role]}" -mp "${MEDIA_PORT[$role]}" -t u1 -key role "$role" \
      "${common[@]}" -message_file "$WORK/$role.msg" -error_file "$WORK/$role.err" -screen_file "$WORK/$role.screen" \
      "${IP[$remote]}:$SIP_PORT" >"$WORK/$role.out" 2>&1) &
    SIPP_PIDS+=($!)
    for i in $(seq 1 100); do
      ip netns exec "$NS" ss -Hltn "sport = :${CTRL_PORT[$role]}" | grep -q . && break
      sleep 0.05
    done
  done

  local rc=0
  (cd "$WORK" && exec ip netns exec "$NS" timeout 120 sipp \
    -master pom -slave_cfg "$WORK/pom.cfg" -sf "$WORK/pom.xml" -inf "$WORK/dialogs.csv" -cid_str pom -m 1 \
    -i 127.0.0.1 -p 5099 -mi 127.0.0.1 -mp 6090 \
    "${common[@]}" -message_file "$WORK/pom.msg" -error_file "$WORK/pom.err" -screen_file "$WORK/pom.screen" \
    127.0.0.1:5098 >"$WORK/pom.out" 2>&1) || rc=$?
  if [[ $rc != 0 ]]; then kill "${SIPP_PIDS[@]}" 2>/dev/null || true; fi
  local pid
  for pid in "${SIPP_PIDS[@]}"; do wait "$pid" || true; done
  SIPP_PIDS=()
  sleep 1
  kill -INT "$CAPTURE_PID"; wait "$CAPTURE_PID" || true
  CAPTURE_PID=""

  if [[ $rc != 0 ]] && ! crashed_at_exit pom; then
    tail -n 20 "$WORK"/*.err >&2 || true
    die "$name: POM (master) exited with $rc, see $WORK"
  fi
  for role in pom $ROLES; do
    crashed_at_exit "$role" && { log "$name: $role: SIPp aborted while exiting (known 3PCC shutdown race)"; continue; }
    local created ok failed
    read -r created ok failed <<<"$(awk -F'|' '/Total Calls created|Successful call|Failed call/ { gsub(/ /, "", $3); printf "%s ", $3 }' "$WORK/$role.screen")"
    [[ $failed == 0 && $ok == "$created" ]] || die "$name: $role: $created SIPp calls, $ok successful, $failed failed (see $WORK/$role.*)"
  done

  ladder_of "$WORK/capture.pcap" >"$WORK/ladder.txt"
  diff -u "$dir/ladder.txt" "$WORK/ladder.txt" >&2 || die "$name: the capture's ladder differs from ${dir#"$ROOT"/}/ladder.txt (capture kept in $WORK)"
  mkdir -p "$OUT_DIR"
  cp "$WORK/capture.pcap" "$out"
  log "$name: $(grep -c . "$WORK/ladder.txt") ladder lines, $(stat -c %s "$out") bytes -> ${out#"$ROOT"/}"
}


run_cases capture_case "$CASES_DIR" steps.txt "$@"
