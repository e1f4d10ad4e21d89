#!/usr/bin/env bash
# The live test (ctest label `live`): udp_sender sends 4000-byte UDP datagrams over IPv4 and IPv6
# across a link with an MTU of 1280 bytes, udp_receiver receives them, and decode_udp, capturing
# live on the receiver's interface, must show the fragments and the datagrams reassembled.
#
#   tests/live/udp_fragments.sh EXAMPLES_DIR [WORK_DIR]
#
# Two network namespaces, created here and removed on every exit (success, failure, Ctrl-C), are
# joined by a veth pair:
#
#   pktdoc-snd-PID  [veth pks-PID] 192.0.2.1/24 2001:db8::1/64  ==  mtu 1280
#   pktdoc-rcv-PID  [veth pkr-PID] 192.0.2.2/24 2001:db8::2/64
#
# Only documentation addresses are used (RFC 5737, RFC 3849), and nothing outside the two
# namespaces is ever a target: the namespaces have no other interface and no default route.
# Small probe datagrams to port 50006 come first, until the capture shows one. Then four
# datagrams are sent: IPv4 and IPv6 through an ordinary socket (the kernel fragments), then
# IPv4 and IPv6 in raw mode (pktdoc builds and fragments the packets). With 1280-byte packets a
# 4008-byte UDP datagram (4000 bytes of data and the 8-byte header) takes 4 fragments over IPv4
# (1256 bytes of data in each but the last) and 4 over IPv6 (1232).
#
# Where namespaces cannot be made (not root, no `ip`, no veth support in a container), the test
# prints "skipped: <reason>" and exits 77, which ctest reports as skipped, never as passed.
# Everything is bounded in time: each program runs under `timeout`, the whole test in ctest's
# TIMEOUT.
set -u

examples=${1:?usage: udp_fragments.sh EXAMPLES_DIR [WORK_DIR]}
work=${2:-$(mktemp -d)}
mkdir -p "$work"

skip() {
  echo "skipped: $*"
  exit 77
}
failed=0
check() {  # check DESCRIPTION COMMAND...: runs the command, reports pass or failure
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    failed=1
  fi
}

for program in udp_sender udp_receiver decode_udp; do
  [ -x "$examples/$program" ] || { echo "FAILED: $examples/$program is not built"; exit 1; }
done
[ "$(id -u)" = 0 ] || skip "network namespaces need root (running as uid $(id -u))"
command -v ip > /dev/null || skip "iproute2's ip command is not installed"
command -v timeout > /dev/null || skip "coreutils' timeout is not installed"

sender=pktdoc-snd-$$
receiver=pktdoc-rcv-$$
veth_s=pks-$$
veth_r=pkr-$$
capture_pid=
receiver_pid=

cleanup() {
  [ -n "$capture_pid" ] && kill "$capture_pid" 2> /dev/null
  [ -n "$receiver_pid" ] && kill "$receiver_pid" 2> /dev/null
  wait 2> /dev/null
  # Deleting a namespace deletes the veth end inside it, and with it the pair.
  ip netns del "$sender" 2> /dev/null
  ip netns del "$receiver" 2> /dev/null
  ip link del "$veth_s" 2> /dev/null
  true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ip netns add "$sender" 2> "$work/netns.err" || skip "cannot create a network namespace: $(head -1 "$work/netns.err")"
ip netns add "$receiver" || skip "cannot create a second network namespace"
ip link add "$veth_s" type veth peer name "$veth_r" 2> "$work/veth.err" ||
  skip "cannot create a veth pair: $(head -1 "$work/veth.err")"

setup() {  # setup NAMESPACE INTERFACE IPV4 IPV6
  ip link set "$2" netns "$1" &&
    ip -n "$1" link set lo up &&
    ip -n "$1" link set "$2" mtu 1280 up &&
    ip -n "$1" addr add "$3/24" dev "$2" &&
    ip -n "$1" -6 addr add "$4/64" dev "$2" nodad
}
# A container may let root create namespaces yet refuse to move an interface into one or to enter
# it: that is the environment, not pktdoc, so it is a skip with the reason too.
setup "$sender" "$veth_s" 192.0.2.1 2001:db8::1 2> "$work/setup.err" ||
  skip "cannot set up namespace $sender: $(head -1 "$work/setup.err")"
setup "$receiver" "$veth_r" 192.0.2.2 2001:db8::2 2> "$work/setup.err" ||
  skip "cannot set up namespace $receiver: $(head -1 "$work/setup.err")"
ip netns exec "$receiver" true 2> "$work/setup.err" ||
  skip "cannot run a program in namespace $receiver: $(head -1 "$work/setup.err")"

# The capture and the receiver, in the receiver's namespace. `ip netns exec` executes the program
# in place, so the process ids are theirs and SIGTERM reaches decode_udp, which then prints its
# summary of what was still incomplete.
# decode_udp writes its lines as they come when capturing live, so the test can watch it start.
timeout 40 ip netns exec "$receiver" "$examples/decode_udp" -i "$veth_r" > "$work/capture.txt" 2> "$work/capture.err" &
capture_pid=$!
timeout 30 ip netns exec "$receiver" "$examples/udp_receiver" -c 4 -t 10 > "$work/receiver.txt" 2> "$work/receiver.err" &
receiver_pid=$!
for _ in $(seq 50); do  # until the receiver listens (at most 5 s)
  grep -q listening "$work/receiver.txt" 2> /dev/null && break
  sleep 0.1
done
# libpcap gives no signal that the capture has started: send small probes to a port nobody
# listens on (the receiver's namespace answers with ICMP port unreachable) until decode_udp shows
# one, for at most 10 s.
capturing=0
for _ in $(seq 20); do
  ip netns exec "$sender" "$examples/udp_sender" -s 16 -p 50006 192.0.2.2 > /dev/null 2>&1
  sleep 0.5
  if grep -q -- '-> 192\.0\.2\.2:50006' "$work/capture.txt" 2> /dev/null; then
    capturing=1
    break
  fi
done
[ $capturing = 1 ] || { echo "FAILED: decode_udp -i $veth_r shows no traffic after 10 s"; cat "$work/capture.err"; exit 1; }

send() {  # send DESCRIPTION ARGUMENTS...
  local what=$1
  shift
  if timeout 10 ip netns exec "$sender" "$examples/udp_sender" -s 4000 "$@" >> "$work/sender.txt" 2>&1; then
    echo "sent: $what"
  else
    echo "FAILED: sending $what: $(tail -1 "$work/sender.txt")"
    failed=1
  fi
  sleep 0.3
}
send "IPv4, socket" 192.0.2.2
send "IPv6, socket" 2001:db8::2
send "IPv4, raw" -r 192.0.2.2
send "IPv6, raw" -r 2001:db8::2

wait "$receiver_pid"
receiver_pid=
sleep 0.5
kill -TERM "$capture_pid" 2> /dev/null
wait "$capture_pid"
capture_status=$?
capture_pid=

echo "--- sender"; cat "$work/sender.txt"
echo "--- receiver"; cat "$work/receiver.txt" "$work/receiver.err"
echo "--- capture (decode_udp -i $veth_r)"; cat "$work/capture.txt" "$work/capture.err"
echo "---"

count() { grep -c -E "$2" "$1" || true; }
check "decode_udp ended cleanly on SIGTERM (status $capture_status)" test "$capture_status" = 0
check "udp_receiver received 4 datagrams of 4000 bytes" \
  test "$(count "$work/receiver.txt" '^datagram [0-9]+ from .*: 4000 bytes$')" = 4
check "4 IPv4 fragments per datagram, 2 datagrams" \
  test "$(count "$work/capture.txt" 'fragment IPv4 id .* 192\.0\.2\.1 -> 192\.0\.2\.2')" = 8
check "4 IPv6 fragments per datagram, 2 datagrams" \
  test "$(count "$work/capture.txt" 'fragment IPv6 id .* 2001:db8::1 -> 2001:db8::2')" = 8
check "the IPv4 datagrams reassembled, checksum good" \
  test "$(count "$work/capture.txt" '^ *[0-9]+ +[0-9.]+  UDP 192\.0\.2\.1:[0-9]+ -> 192\.0\.2\.2:50005  4000 bytes of data  checksum good')" = 2
check "the IPv6 datagrams reassembled, checksum good" \
  test "$(count "$work/capture.txt" 'UDP \[2001:db8::1\]:[0-9]+ -> \[2001:db8::2\]:50005  4000 bytes of data  checksum good')" = 2
check "each from 4 fragments" test "$(count "$work/capture.txt" 'reassembled: 4008 bytes from 4 fragments')" = 4
check "nothing left incomplete" grep -q '^datagrams never completed: 0$' "$work/capture.txt"
exit $failed
