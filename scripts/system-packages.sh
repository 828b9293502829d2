#!/usr/bin/env bash
# The system packages a make target needs, from Debian or Ubuntu: installed here when this
# runs as root with apt-get (as CI does), otherwise named with the exact command to type.
# Usage: scripts/system-packages.sh graphviz [chromium] [node]
set -euo pipefail

missing=()
for package in "$@"; do
  case "$package" in
    graphviz) command -v dot >/dev/null || missing+=(graphviz) ;;  # `dot` draws model graphs
    chromium) [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium) ;;  # browser tests
    node) { command -v node && command -v npm; } >/dev/null || missing+=(nodejs npm) ;;  # TF.js
    *) echo "scripts/system-packages.sh: unknown package '$package'" >&2; exit 2 ;;
  esac
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing the missing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

{
  echo "error: missing system packages: ${missing[*]}"
  if command -v apt-get >/dev/null; then
    echo "  -> install them, then run make again:  sudo apt-get install -y ${missing[*]}"
  else
    echo "  -> install them with your system's package manager (Graphviz provides 'dot'),"
    echo "     then run make again"
  fi
  case " ${missing[*]} " in
    *" chromium "*) echo "     (or point CHROMIUM=/path/to/chrome at a Chromium or Chrome you have)" ;;
  esac
} >&2
exit 1
