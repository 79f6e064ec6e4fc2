#!/bin/sh
# Install Debian's Chromium for the browser tests of the HTML view (tests/view/), unless a
# Chromium is already there. Needs root (or sudo) and apt; never downloads a browser build
# from elsewhere (Playwright drives the system Chromium: never run `playwright install`).
# Usage: scripts/install-browser.sh        exit 0 when /usr/bin/chromium is usable.
set -eu
CHROMIUM="${GRAPHBUILDER_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    echo "chromium present: $CHROMIUM"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install Chromium yourself and set GRAPHBUILDER_CHROMIUM" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: need root or passwordless sudo to apt-get install chromium" >&2
        exit 1
    fi
fi
# Another apt run (e.g. an earlier install still going) holds the lock: wait for it.
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends chromium fonts-dejavu-core
test -x "$CHROMIUM"
echo "chromium installed: $CHROMIUM"
