"""Shared by the translation tests: the pipeline (packaging/translations.py, loaded as a module)
and the ``spanish`` fixture (tests/gui/conftest.py imports it), which installs the shipped
Spanish catalogue for one test and puts English back after it: the other tests run in English.
(The shipped .qm is what the committed .ts files compile to: test_translations.py checks it.)"""
from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations_pipeline", ROOT / "packaging" / "translations.py")
assert _spec is not None and _spec.loader is not None
pipeline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pipeline)


def catalogue(code: str = "es") -> dict[str, str]:
    """English source -> translation, for every finished translation that differs from its source."""
    out = {}
    for ts in sorted((pipeline.TRANSLATIONS / code).glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.find("translation")
            text = "" if translation is None or translation.get("type") else (translation.text or "")
            if text and text != source:
                out[source] = text
    return out


@pytest.fixture
def spanish(qapp):
    """The app in Spanish for one test (gui.language.install_translations); yields the catalogue."""
    from backprop_studio.gui import language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert language.install_translations(app, "es") == "es", \
        "the Spanish catalogue did not load: run python packaging/translations.py release"
    yield catalogue()
    language.install_translations(app, "en")
