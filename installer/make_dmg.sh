#!/usr/bin/env bash
# macOS: wrap dist/csdesk.app (made by `pyinstaller --noconfirm csdesk.spec` on a Mac) in a
# compressed disk image with an Applications link, dist/csdesk-VERSION-macos.dmg.
# Sign and notarise first when a Developer ID is available (installer/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python -c "import sys; sys.path.insert(0, 'src'); import csdesk; print(csdesk.__version__)")
app=dist/csdesk.app
[ -d "$app" ] || { echo "no $app: run pyinstaller on macOS first" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="dist/csdesk-${version}-macos.dmg"
rm -f "$out"
hdiutil create -volname "csdesk ${version}" -srcfolder "$stage" -ov -format UDZO "$out"
echo "$out"
