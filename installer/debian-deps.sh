#!/bin/sh
# Installs the Debian packages Loket needs, only those that are missing.
#   installer/debian-deps.sh test   headless Qt + PostgreSQL server + Chromium and its driver
#                                   (the regional page is tested in a real browser)
#   installer/debian-deps.sh run    + the X11 libraries the Qt desktop window needs
set -eu
mode=${1:-run}

pkgs="python3-venv libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
if [ "$mode" = "test" ]; then
    pkgs="$pkgs postgresql chromium chromium-driver"
else
    pkgs="$pkgs libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1"
fi

missing=""
for p in $pkgs; do
    case "$p" in
        # a Python that is not Debian's (pyenv, a venv) has its own venv module
        python3-venv) python3 -c "import venv, ensurepip" 2>/dev/null && continue ;;
        # any installed PostgreSQL server version will do
        postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing missing Debian packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "Run as root: apt-get install$missing" >&2; exit 1
    fi
else SUDO=""; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
