"""The packaging files say what the build and the installers need, without building: the spec
compiles and points at files that exist, the Windows installer is per-user and leaves the
seller's data alone, the Linux desktop entry and scripts are well-formed, and the workflow builds,
self-tests and uploads on the three systems. (installer/ci_build.sh builds for real in CI.)"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from csdesk import __version__
from csdesk.paths import data_dir

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def test_the_spec_compiles_and_its_files_exist() -> None:
    source = (ROOT / "csdesk.spec").read_text(encoding="utf-8")
    compile(source, "csdesk.spec", "exec")
    for relative in re.findall(r'ROOT / "([^"]+)" / "([^"]+)"(?: / "([^"]+)")?', source):
        path = ROOT.joinpath(*[part for part in relative if part])
        assert path.exists(), path
    for icon in ("csdesk.ico", "csdesk.icns", "csdesk.png"):
        assert (ROOT / "resources" / "icons" / icon).stat().st_size > 1000
    assert list((ROOT / "src" / "csdesk" / "fonts").glob("*.ttf"))
    assert 'bundle_identifier="id.csdesk.app"' in source
    assert "from csdesk import __version__" in source  # one version, the package's


def test_windows_installer_is_per_user_and_keeps_the_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (INSTALLER / "csdesk.iss").read_text(encoding="utf-8")
    iss = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.MULTILINE)
    assert re.search(r"^DefaultDirName=\{autopf\}\\csdesk$", iss, re.MULTILINE)
    assert "[UninstallDelete]" not in iss and "{localappdata}" not in iss.lower()
    assert "#define AppVersion" in iss and "AppVersion={#AppVersion}" in iss
    assert 'Name: "{autodesktop}\\csdesk"' in iss and 'Name: "{group}\\csdesk"' in iss
    # The program folder is never the data folder the uninstaller must keep.
    monkeypatch.delenv("CSDESK_DATA_DIR", raising=False)
    assert data_dir().name == "csdesk"
    assert "Programs" not in str(data_dir())


def test_desktop_entry_is_valid() -> None:
    path = INSTALLER / "csdesk.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Exec"].split()[0], desktop["Icon"]) == (
        "Application",
        "csdesk",
        "csdesk",
    )
    assert desktop["Categories"].endswith(";")
    validator = shutil.which("desktop-file-validate")
    if validator:
        subprocess.run([validator, str(path)], check=True)


@pytest.mark.parametrize("script", ["make_tarball.sh", "make_dmg.sh", "ci_build.sh"])
def test_scripts_are_executable_bash(script: str) -> None:
    path = INSTALLER / script
    assert path.stat().st_mode & 0o111
    subprocess.run(["bash", "-n", str(path)], check=True)


def test_workflow_builds_self_tests_and_uploads_on_three_systems() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "build.yml").read_text())
    job = workflow["jobs"]["build"]
    assert job["strategy"]["matrix"]["os"] == ["windows-latest", "macos-latest", "ubuntu-latest"]
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert "pyinstaller --noconfirm csdesk.spec" in commands
    assert "--self-test" in commands and " demo " in commands
    assert "ISCC.exe" in commands and "make_dmg.sh" in commands and "make_tarball.sh" in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in job["steps"])
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_the_version_is_the_packages() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = { attr = "csdesk.__version__" }' in pyproject
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
