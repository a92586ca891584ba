#!/usr/bin/env bash
# Installs the system packages the browser tests need (Debian's chromium).
# Safe to run repeatedly; explains itself when it cannot install.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "geomesh: Chromium is missing and cannot be installed here (needs root and apt-get)." >&2
  echo "geomesh: install the Debian package 'chromium' to run the browser tests." >&2
  exit 0
fi
echo "geomesh: installing Debian package 'chromium' for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null \
  || echo "geomesh: apt-get could not install chromium; browser tests will fail with a clear message." >&2
exit 0
