#!/usr/bin/env bash
# Build the Linux one-folder app and check it like a seller's first run would:
#   - the GitHub workflow file is valid (JSON schema of GitHub workflows, offline);
#   - `pyinstaller csdesk.spec` builds dist/csdesk, at most 200 MB;
#   - the frozen `csdesk-cli --self-test` opens the window offscreen and visits every panel;
#   - the frozen `csdesk-cli demo` fills a new database, and `stats --json` reads it back;
#   - a database made by the previous schema version is backed up and upgraded on first open.
#   - importing the sample exports and a chat, exporting to Excel and printing labels work;
#   - the Linux tarball installs for a user and its `csdesk` starts.
# Called by .ci/run; exits non-zero on the first failure. Prints the build time and size.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT_MB=200

python -m pip install -q --disable-pip-version-check "pyinstaller==6.22.3" "check-jsonschema==0.33.3"
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/build.yml

rm -rf build dist
started=$(date +%s)
pyinstaller --noconfirm --log-level WARN csdesk.spec
built=$(( $(date +%s) - started ))
size_mb=$(du -sm dist/csdesk | cut -f1)
echo "frozen build: ${built} s, dist/csdesk ${size_mb} MB (limit ${LIMIT_MB} MB)"
if [ "$size_mb" -gt "$LIMIT_MB" ]; then
  echo "dist/csdesk is ${size_mb} MB, over ${LIMIT_MB} MB" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen CSDESK_DATA_DIR="$work/data"
app=dist/csdesk/csdesk

"$app" --version
"$app" --db "$work/demo.sqlite" demo --orders 300
"$app" --db "$work/demo.sqlite" stats --json > "$work/stats.json"
python - "$work/stats.json" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
assert stats["orders"] == 300, stats
print("frozen demo: ok,", stats["orders"], "orders,", stats["customers"], "customers")
PY
"$app" --db "$work/demo.sqlite" --self-test --screenshots "$work/shots"

# The work a seller does on day one, through the frozen program: marketplace files and a
# WhatsApp chat in, an Excel list and shipping labels out.
"$app" --db "$work/shop.sqlite" import-orders tests/data/samples/*.xlsx
"$app" --db "$work/shop.sqlite" import-chats tests/data/samples/wa_android_id.txt --me "Hijab Ayu"
"$app" --db "$work/shop.sqlite" export-orders "$work/orders.xlsx"
"$app" --db "$work/shop.sqlite" print-confirmations --status to_ship --pdf "$work/labels.pdf"
test -s "$work/orders.xlsx" && test -s "$work/labels.pdf"
echo "frozen import/export/print: ok"

# The Linux tarball, installed for a throwaway user, starts.
tarball=$(bash installer/make_tarball.sh | tail -1)
mkdir -p "$work/home" && tar -C "$work" -xzf "$tarball"
HOME="$work/home" bash "$work"/csdesk-*/install.sh
HOME="$work/home" "$work/home/.local/bin/csdesk" --version
grep -q "^Exec=$work/home/.local/opt/csdesk/csdesk" "$work/home/.local/share/applications/csdesk.desktop"
echo "tarball $(du -sh "$tarball" | cut -f1): installs and starts"

# A database from the previous schema version, made by this source tree's own migrations.
python - "$work/old.sqlite" <<'PY'
import sys
sys.path.insert(0, "src")
from csdesk.models import schema
from csdesk.services import database
previous = schema.MIGRATIONS[-2][0]
schema.MIGRATIONS = schema.MIGRATIONS[:-1]
schema.SCHEMA_VERSION = previous
database.open_database(sys.argv[1])
database.close_database()
print("made a schema", previous, "database")
PY
"$app" --db "$work/old.sqlite" stats --json > /dev/null
python - "$work/old.sqlite" <<'PY'
import sqlite3, sys
from pathlib import Path
sys.path.insert(0, "src")
from csdesk.models.schema import SCHEMA_VERSION
path = Path(sys.argv[1])
(version,) = sqlite3.connect(path).execute(
    "SELECT value FROM csdesk_meta WHERE key = 'schema_version'").fetchone()
assert int(version) == SCHEMA_VERSION, (version, SCHEMA_VERSION)
backups = list((path.parent / "backups").glob(f"{path.stem}-*-pre-migrate-*.sqlite"))
assert backups, "no backup before the migration"
print("frozen upgrade: ok, schema", version, "with backup", backups[0].name)
PY
