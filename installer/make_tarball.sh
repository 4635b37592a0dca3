#!/usr/bin/env bash
# Linux: dist/csdesk/ (from `pyinstaller --noconfirm csdesk.spec`) with the .desktop file, the
# icon and an install-for-this-user script, as dist/csdesk-VERSION-linux-x86_64.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python -c "import sys; sys.path.insert(0, 'src'); import csdesk; print(csdesk.__version__)")
[ -x dist/csdesk/csdesk ] || { echo "no dist/csdesk: run pyinstaller first" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
top="$stage/csdesk-${version}"
mkdir -p "$top"
cp -R dist/csdesk/. "$top/"
cp installer/csdesk.desktop "$top/csdesk.desktop"
cp resources/icons/csdesk.png "$top/csdesk.png"
cat > "$top/install.sh" <<'SH'
#!/usr/bin/env bash
# Install csdesk for this user: ~/.local/opt/csdesk, a menu entry and the `csdesk` command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$HOME/.local/opt/csdesk"
mkdir -p "$target" "$HOME/.local/bin" "$HOME/.local/share/applications" \
  "$HOME/.local/share/icons/hicolor/256x256/apps"
cp -R "$here/." "$target/"
ln -sf "$target/csdesk" "$HOME/.local/bin/csdesk"
cp "$here/csdesk.png" "$HOME/.local/share/icons/hicolor/256x256/apps/csdesk.png"
sed "s|^Exec=csdesk|Exec=$target/csdesk|" "$here/csdesk.desktop" \
  > "$HOME/.local/share/applications/csdesk.desktop"
echo "csdesk terpasang di $target (data toko tetap di ~/.local/share/csdesk)"
SH
chmod +x "$top/install.sh"
out="dist/csdesk-${version}-linux-x86_64.tar.gz"
tar -C "$stage" -czf "$out" "csdesk-${version}"
echo "$out"
