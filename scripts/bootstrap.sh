#!/usr/bin/env bash
# Set up everything Improvement Desk needs on a Debian/Ubuntu machine.
#
#   bash scripts/bootstrap.sh run    # system libraries for a real window + .venv
#   bash scripts/bootstrap.sh test   # system libraries for offscreen tests + .venv
#
# Idempotent and fast when nothing changed: system packages are only installed
# when missing, and `pip install -e` only runs when pyproject.toml changed since
# the last successful install (its sha256 is kept in .venv/.stamp-pyproject).
#
# Environment: PYTHON (default python3) picks the interpreter for a new .venv.
set -euo pipefail

say() { printf 'bootstrap: %s\n' "$*"; }
die() {
    printf 'bootstrap: ERROR: %s\n' "$*" >&2
    exit 1
}

usage() { die "usage: bash scripts/bootstrap.sh run|test"; }

[[ $# -eq 1 ]] || usage
profile=$1
case "$profile" in
    run | test) ;;
    *) usage ;;
esac

# Work from the project root whatever the caller's directory.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=.venv
STAMP="$VENV/.stamp-pyproject"

# ---------------------------------------------------------------------------
# System packages (Debian/Ubuntu)
# ---------------------------------------------------------------------------
# Offscreen Qt (both profiles). Without a font package every glyph is a box.
pkgs=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0
    fonts-dejavu-core)
if [[ $profile == run ]]; then
    # xcb platform plugin: a real window on an X11 (or XWayland) desktop.
    pkgs+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
        libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
else
    # pdftoppm: tests render PDF pages to images.
    pkgs+=(poppler-utils)
fi

have_dpkg() { command -v dpkg-query > /dev/null 2>&1; }

# True when the package (or its Ubuntu 24.04 "t64" rename) is installed.
pkg_installed() {
    local name
    for name in "$1" "${1}t64"; do
        if dpkg-query -W -f='${Status}\n' "$name" 2> /dev/null | grep -q '^install ok installed$'; then
            return 0
        fi
    done
    return 1
}

# apt_install PKG... : install as root, otherwise print the command and stop.
apt_install() {
    if [[ $(id -u) -eq 0 ]]; then
        say "installing system packages: $*"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
    else
        local sudo=""
        command -v sudo > /dev/null 2>&1 && sudo="sudo "
        {
            printf 'bootstrap: ERROR: missing system packages: %s\n' "$*"
            printf 'bootstrap: install them (as root) with:\n\n'
            printf '    %sapt-get install -y --no-install-recommends %s\n\n' "$sudo" "$*"
            printf 'bootstrap: then run this command again.\n'
        } >&2
        exit 1
    fi
}

if have_dpkg; then
    missing=()
    for p in "${pkgs[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        apt_install "${missing[@]}"
    fi
    say "system packages ok (${profile} profile)"
else
    say "note: dpkg-query not found (not Debian/Ubuntu); skipping system packages."
    say "note: make sure the equivalents of these are installed: ${pkgs[*]}"
fi

# ---------------------------------------------------------------------------
# Python >= 3.11
# ---------------------------------------------------------------------------
PY=${PYTHON:-python3}
command -v "$PY" > /dev/null 2>&1 ||
    die "'$PY' not found; install Python 3.11 or newer (or set PYTHON=/path/to/python3.x)"
py_version=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])') ||
    die "'$PY' does not run"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
    die "'$PY' is Python $py_version; Improvement Desk needs Python 3.11 or newer (set PYTHON=/path/to/python3.11+)"
say "python ok ($PY, $py_version)"

# ---------------------------------------------------------------------------
# Virtual environment
# ---------------------------------------------------------------------------
venv_usable() {
    [[ -x $VENV/bin/python && -x $VENV/bin/pip ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
            > /dev/null 2>&1
}

make_venv() {
    local log
    log=$(mktemp)
    if "$PY" -m venv "$VENV" > "$log" 2>&1; then
        rm -f "$log"
        return 0
    fi
    rm -rf "$VENV" # a failed venv (no ensurepip) leaves a .venv without pip behind
    if have_dpkg && grep -qiE 'ensurepip|python3(\.[0-9]+)?-venv' "$log"; then
        rm -f "$log"
        # Debian/Ubuntu split venv support out of the interpreter package.
        local venv_pkgs=(python3-venv)
        local minor
        minor=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        if apt-cache show "python${minor}-venv" > /dev/null 2>&1; then
            venv_pkgs+=("python${minor}-venv")
        fi
        apt_install "${venv_pkgs[@]}"
        "$PY" -m venv "$VENV" || {
            rm -rf "$VENV"
            die "could not create $VENV with $PY"
        }
        return 0
    fi
    cat "$log" >&2
    rm -f "$log"
    die "could not create $VENV with $PY"
}

new_venv=0
if ! venv_usable; then
    if [[ -e $VENV ]]; then
        say "existing $VENV is broken or older than Python 3.11; recreating it"
        rm -rf "$VENV"
    fi
    say "creating $VENV with $PY"
    make_venv
    new_venv=1
fi
if ((new_venv)); then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
fi
say "venv ok ($VENV, Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())'))"

# ---------------------------------------------------------------------------
# Project + dev tools (only when pyproject.toml changed)
# ---------------------------------------------------------------------------
sha=$("$VENV/bin/python" -c \
    'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
if [[ -f $STAMP && $(< "$STAMP") == "$sha" ]]; then
    say "packages ok (pyproject.toml unchanged)"
else
    say "installing the project and its dev tools (pip install -e \".[dev,postgres]\")"
    rm -f "$STAMP"
    "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[dev,postgres]"
    printf '%s\n' "$sha" > "$STAMP"
    say "packages ok (installed)"
fi

if [[ $profile == run && -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    say "note: no DISPLAY or WAYLAND_DISPLAY set; the window needs a desktop session"
fi
say "done (${profile})"
