#!/usr/bin/env bash
# Installs the Debian packages of tools/debian-packages.txt that are not installed yet.
# ./run.sh, ./test.sh and (through ./test.sh) .ci/run call it before they configure.
#
# Only missing packages are installed, so a second run costs one dpkg-query. 'apt-get update'
# runs only when something is missing. Installing needs root; when nothing is missing it does not.
# PKTDOC_SKIP_SETUP=1 skips all of this (for machines that are not Debian, or set up by hand).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
list="$here/debian-packages.txt"

say() { echo "setup: $*"; }
fail() {
  echo "setup: error: $*" >&2
  exit 1
}

if [ "${PKTDOC_SKIP_SETUP:-0}" = 1 ]; then
  say "PKTDOC_SKIP_SETUP=1: not checking the Debian packages"
  exit 0
fi
[ -r "$list" ] || fail "cannot read $list"
command -v dpkg-query >/dev/null ||
  fail "dpkg-query not found: this is not Debian. Install the packages of $list by hand, then set PKTDOC_SKIP_SETUP=1"

# The list: everything outside comments, one package per line.
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list")
[ ${#wanted[@]} -gt 0 ] || fail "$list lists no packages"

missing() {
  local p status
  for p in "${wanted[@]}"; do
    # Status-Abbrev is e.g. "ii " (installed) or "rc " (removed, config files left); the second
    # letter is the current state.
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [ "${status:1:1}" = i ] || echo "$p"
  done
}
mapfile -t todo < <(missing)
if [ ${#todo[@]} -eq 0 ]; then
  say "all ${#wanted[@]} Debian packages of tools/debian-packages.txt are installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  fail "missing Debian packages: ${todo[*]}
  Installing them needs root. Run this as root, or first: sudo apt-get install ${todo[*]}"
fi
command -v apt-get >/dev/null || fail "apt-get not found; install by hand: ${todo[*]}"

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp "${TMPDIR:-/tmp}/pktdoc-setup.XXXXXX.log")
# Wait for another apt (a second ./test.sh, unattended-upgrades) rather than fail on its lock.
apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
run_logged() {
  if ! "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "'$*' failed; the whole log is $log"
  fi
}

# tshark's wireshark-common asks whether non-root users may capture; answer "no" up front so
# the install never stops at a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections

say "updating the package lists (apt-get update; log: $log)"
run_logged apt-get "${apt_opts[@]}" update
say "installing ${#todo[@]} missing package(s): ${todo[*]}"
run_logged apt-get "${apt_opts[@]}" install -y "${todo[@]}"

mapfile -t still < <(missing)
[ ${#still[@]} -eq 0 ] || fail "still not installed after apt-get install: ${still[*]} (log: $log)"
rm -f "$log"
say "installed ${todo[*]}"
