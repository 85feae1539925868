"""Every user-visible string has its English translation, and the .qm loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from loket.i18n import qm_path, set_language, translate

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "loket_en.ts"


def test_every_source_string_is_translated(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (ROOT / "src" / "loket").rglob("*.py"))
    subprocess.run(
        [str(lupdate), "-no-obsolete", *sources, "-ts", str(ts)], check=True, capture_output=True
    )
    untranslated = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not all(t.strip() for t in _translations(m))
    ]
    assert untranslated == [], "run 'make i18n-update' and translate these"


def _translations(message: ET.Element) -> list[str]:
    """The translation, or with a count (``numerus``) its singular and plural forms."""
    if message.get("numerus") == "yes":
        return [f.text or "" for f in message.iter("numerusform")] or [""]
    return [message.findtext("translation") or ""]


def _placeholders(text: str) -> list[str]:
    return sorted(part.split("}")[0] for part in text.split("{")[1:])


def test_placeholders_survive_translation() -> None:
    for m in ET.parse(TS).getroot().iter("message"):
        source = m.findtext("source") or ""
        for target in _translations(m):
            assert _placeholders(source) == _placeholders(target), source
            assert ("%n" in source) == ("%n" in target), source


def test_a_count_reads_singular_or_plural_in_english_and_stays_in_indonesian() -> None:
    text = "Rantai audit utuh: %n entri diperiksa."
    assert set_language("en")
    try:
        assert translate("cli", text, "", 1) == "Audit chain intact: 1 entry checked."
        assert translate("cli", text, "", 2) == "Audit chain intact: 2 entries checked."
    finally:
        set_language("id")
    assert translate("cli", text, "", 1) == "Rantai audit utuh: 1 entri diperiksa."


def test_english_loads() -> None:
    assert qm_path("en").exists(), "the build compiles .ts into .qm (make i18n)"
    assert set_language("en")
    assert translate("LoketError", "NIK belum diisi.") == "The NIK is empty."
    set_language("id")
    assert translate("LoketError", "NIK belum diisi.") == "NIK belum diisi."
