#!/usr/bin/env bash
# Makes sure the browser test tier can run: Debian's chromium, CJK fonts and poppler.
# Installs them with apt-get when they are missing and this user may; otherwise says so loudly.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the browser tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    exit 0
  fi
fi
cat <<MSG
################################################################################
#  BROWSER TESTS CANNOT RUN: missing ${missing[*]}.
#  Install them with:  sudo apt-get install chromium fonts-noto-cjk poppler-utils
#  The browser tier will be skipped; every other test still runs.
################################################################################
MSG
exit 0
