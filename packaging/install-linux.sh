#!/usr/bin/env bash
# Install the built bundle for the current user (no root): bash packaging/install-linux.sh
#
#   ~/.local/opt/improvement-desk/                     the bundle (dist/improvement-desk)
#   ~/.local/bin/improvement-desk                      a link to its executable
#   ~/.local/share/applications/improvement-desk.desktop
#   ~/.local/share/icons/hicolor/NxN/apps/improvement-desk.png (+ scalable SVG)
#
# Build first with `.venv/bin/python packaging/build.py`. `--uninstall` removes all of it
# (never the boards, settings or logs under ~/.local/share/improvement-desk and ~/.config).
# PREFIX (default ~/.local) moves everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NAME=improvement-desk
PREFIX=${PREFIX:-$HOME/.local}
OPT="$PREFIX/opt/$NAME"
BIN="$PREFIX/bin"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
SIZES=(16 24 32 48 64 128 256 512)

say() { printf 'install: %s\n' "$*"; }
die() {
    printf 'install: ERROR: %s\n' "$*" >&2
    exit 1
}

refresh_caches() {
    command -v update-desktop-database > /dev/null 2>&1 && update-desktop-database -q "$APPS" || true
    # No per-user icon cache is written (a stale one hides later icons): a newer folder
    # time makes the desktop rescan it.
    [[ -d $ICONS ]] && touch "$ICONS" || true
}

if [[ ${1:-} == --uninstall ]]; then
    rm -rf "$OPT"
    rm -f "$BIN/$NAME" "$APPS/$NAME.desktop" "$ICONS/scalable/apps/$NAME.svg"
    for size in "${SIZES[@]}"; do
        rm -f "$ICONS/${size}x${size}/apps/$NAME.png"
    done
    refresh_caches
    say "removed $NAME from $PREFIX"
    exit 0
fi
[[ $# -eq 0 ]] || die "usage: bash packaging/install-linux.sh [--uninstall]"

BUNDLE=dist/$NAME
[[ -x $BUNDLE/$NAME ]] || die "$BUNDLE is not built: run .venv/bin/python packaging/build.py"
[[ -f build/icons/$NAME-256.png ]] || die "no icons in build/icons: run packaging/build.py"

# A fresh copy beside the old one, swapped in at the end: a failed copy leaves the old install.
mkdir -p "$PREFIX/opt" "$BIN" "$APPS"
rm -rf "$OPT.new"
cp -a "$BUNDLE" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"
ln -sfn "$OPT/$NAME" "$BIN/$NAME"

for size in "${SIZES[@]}"; do
    install -D -m 0644 "build/icons/$NAME-$size.png" "$ICONS/${size}x${size}/apps/$NAME.png"
done
install -D -m 0644 resources/app-icon.svg "$ICONS/scalable/apps/$NAME.svg"

# Exec names the installed executable by full path (~/.local/bin is not on every PATH),
# quoted for a home folder with a space in its name.
sed -e "s|^Exec=$NAME |Exec=\"$BIN/$NAME\" |" -e "s|^TryExec=$NAME\$|TryExec=$BIN/$NAME|" \
    "packaging/$NAME.desktop" > "$APPS/$NAME.desktop"
chmod 0644 "$APPS/$NAME.desktop"
refresh_caches

say "installed $("$OPT/$NAME" --version) in $OPT"
say "menu entry: $APPS/$NAME.desktop; command: $BIN/$NAME"
case ":$PATH:" in
    *":$BIN:"*) ;;
    *) say "note: $BIN is not on your PATH; the menu entry works all the same" ;;
esac
