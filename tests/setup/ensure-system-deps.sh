#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing. Tests never skip quietly:
# if a package cannot be installed here, this stops with what to install.
set -euo pipefail

# command → Debian package
declare -A NEEDED=(
  [chromium]=chromium          # browser tests (Playwright drives Debian's Chromium)
  [espeak-ng]=espeak-ng        # the Vietnamese voice (tests/voice make real WAVs with it)
  [soxi]=sox                   # tests/voice check those WAVs with an independent reader
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done
# The province hub's tests start throwaway PostgreSQL clusters (tests/helpers/postgres.ts); Debian keeps
# initdb and pg_ctl outside PATH, under /usr/lib/postgresql/<version>/bin.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Cài các gói Debian cần cho kiểm thử / installing Debian packages the tests need: ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Thiếu gói / missing packages: ${missing[*]}" >&2
  echo "Hãy chạy / please run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
