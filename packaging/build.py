"""Build the one-folder bundle: `.venv/bin/python packaging/build.py` (Windows:
`.venv\\Scripts\\python packaging\\build.py`).

1. Renders the app icon (resources/app-icon.svg) with Qt's SVG renderer, offscreen,
   into build/icons/: PNGs at 16…512 px (Linux desktop icons), a multi-size
   app-icon.ico (Windows) and app-icon.icns (macOS). Both containers hold PNG
   images, written here in a few lines, so every platform makes all of them
   without Pillow or Apple's iconutil.
2. Runs PyInstaller on packaging/improvement_desk.spec into dist/ (work files in
   build/pyinstaller/), then prints the bundle's path, size and the time taken.

Options: --clean (PyInstaller's cache too), --icons-only.
Needs the `package` extra: pip install -e ".[package]".
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "app-icon.svg"
SPEC = ROOT / "packaging" / "improvement_desk.spec"
BUILD = ROOT / "build"
ICONS = BUILD / "icons"
DIST = ROOT / "dist"
NAME = "improvement-desk"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's icon types that hold a PNG of the given size in pixels.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """The icon as PNG bytes at each size, drawn by Qt (offscreen: no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"build: cannot read the icon {svg}")
    images: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"build: could not encode the {size} px icon")
        buffer.close()
        images[size] = bytes(data.data())
    return images


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = [], []
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: each entry is a type code, its length and a PNG."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(folder: Path = ICONS) -> list[Path]:
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = render_pngs(SVG, tuple(sizes))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        path = folder / f"{NAME}-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    for path, data in (
        (folder / "app-icon.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES})),
        (folder / "app-icon.icns", icns_bytes(pngs)),
    ):
        path.write_bytes(data)
        written.append(path)
    return written


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def bundle_path() -> Path:
    if sys.platform == "darwin":
        return DIST / "Improvement Desk.app"
    return DIST / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Improvement Desk bundle.")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--icons-only", action="store_true", help="only render the icons")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    icons = make_icons()
    print(f"build: {len(icons)} icon files in {ICONS} ({time.perf_counter() - started:.1f} s)")
    if args.icons_only:
        return 0

    try:
        import PyInstaller.__main__
    except ImportError:
        print('build: PyInstaller is missing: pip install -e ".[package]"', file=sys.stderr)
        return 1
    options = [
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "pyinstaller"),
        "--log-level",
        "WARN",
    ]
    if args.clean:
        options.append("--clean")
    pyinstaller_started = time.perf_counter()
    PyInstaller.__main__.run(options)
    took = time.perf_counter() - pyinstaller_started

    bundle = bundle_path()
    if not bundle.exists():
        print(f"build: PyInstaller finished but {bundle} is missing", file=sys.stderr)
        return 1
    size = folder_size(bundle)
    print(f"build: bundle {bundle}")
    print(f"build: size {size / 2**20:.0f} MiB ({size:,} bytes)")
    print(f"build: PyInstaller took {took:.1f} s, {time.perf_counter() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
