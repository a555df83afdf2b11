#!/usr/bin/env bash
# Build the one-folder bundle and prove it works: bash packaging/smoke.sh (from any directory).
#
#   1. installs the system libraries the bundle needs to start offscreen (as root, when missing)
#      and PyInstaller (the `package` extra) into .venv when it is not there;
#   2. builds dist/improvement-desk with packaging/build.py;
#   3. runs the bundled `improvement-desk --version`, a headless `demo` + `check` + `pack`
#      (the CLI, migrations and fonts inside the bundle), then `--self-test`: demo board ->
#      main window -> Board pack… -> PDF, offscreen, with a throwaway IMPROVEMENT_DESK_HOME;
#   4. checks every exit code is 0 and that both PDFs have pages (read with pypdf); the PDFs
#      and the self-test's screenshots (self-test.png, self-test-dialog.png) stay in build/smoke/.
#
# Needs .venv (scripts/bootstrap.sh test makes it). Exit code: 0 when all of that passed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'smoke: %s\n' "$*"; }
die() {
    printf 'smoke: ERROR: %s\n' "$*" >&2
    exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

started=$(now)
PY=.venv/bin/python
[[ -x $PY ]] || die "no .venv: run 'bash scripts/bootstrap.sh test' first"

# ---------------------------------------------------------------------------
# System libraries: what scripts/bootstrap.sh installs for offscreen tests is
# what the bundle needs too (it carries Qt and its own copies of most libraries,
# but loads libEGL/libGL, fontconfig and a font from the system).
# ---------------------------------------------------------------------------
pkgs=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0
    fonts-dejavu-core)
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
if command -v dpkg-query > /dev/null 2>&1; then
    missing=()
    for p in "${pkgs[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        [[ $(id -u) -eq 0 ]] ||
            die "missing system packages: ${missing[*]} (as root: apt-get install -y ${missing[*]})"
        say "installing system packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
fi

# ---------------------------------------------------------------------------
# PyInstaller (pinned in pyproject.toml's `package` extra)
# ---------------------------------------------------------------------------
if ! "$PY" -c 'import PyInstaller' > /dev/null 2>&1; then
    say "installing the package extra (PyInstaller)"
    .venv/bin/pip install -q --disable-pip-version-check -e ".[package]"
fi

# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
t=$(now)
"$PY" packaging/build.py
build_s=$(since "$t")
APP=dist/improvement-desk/improvement-desk
[[ -x $APP ]] || die "$APP was not built"

# ---------------------------------------------------------------------------
# Run the bundle, offscreen, away from any real user data
# ---------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/improvement-desk-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
# What a person may want to look at afterwards: the two packs and the self-test's screenshots.
out=build/smoke
rm -rf "$out"
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen IMPROVEMENT_DESK_HOME="$work/home" LANG=C.UTF-8
# The bundle must not lean on the venv or the source tree.
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV

pages() { "$PY" -c 'import sys; from pypdf import PdfReader; print(len(PdfReader(sys.argv[1]).pages))' "$1"; }

t=$(now)
version=$("$APP" --version)
say "bundle says: $version"
"$APP" demo --db "$work/demo.db" > "$work/cli.log"
"$APP" check --db "$work/demo.db" >> "$work/cli.log" || {
    cat "$work/cli.log" >&2
    die "the bundled 'check' failed"
}
"$APP" pack --db "$work/demo.db" --meeting latest -o "$out/cli-pack.pdf" >> "$work/cli.log"
cli_pages=$(pages "$out/cli-pack.pdf")
((cli_pages > 0)) || die "the bundled 'pack' wrote a PDF without pages"
cli_s=$(since "$t")
say "headless demo + check + pack: ok (${cli_pages} pages, ${cli_s} s)"

t=$(now)
rc=0
timeout 180 "$APP" --self-test "$out/self-test.pdf" || rc=$?
self_s=$(since "$t")
if ((rc != 0)); then
    find "$work/home" -name '*.log' -exec tail -n 40 {} + >&2 || true
    die "the bundled --self-test exited with $rc (the app's log is above)"
fi
[[ -s $out/self-test.pdf ]] || die "--self-test passed but wrote no PDF"
gui_pages=$(pages "$out/self-test.pdf")
((gui_pages > 0)) || die "the self-test PDF has no pages"
say "GUI self-test: ok (${gui_pages} pages, ${self_s} s)"

size=$(du -sm dist/improvement-desk | cut -f1)
say "packs and screenshots of the window and the Board pack dialog: $out/"
say "passed: bundle ${size} MiB; build ${build_s} s, headless ${cli_s} s, self-test ${self_s} s, total $(since "$started") s"
