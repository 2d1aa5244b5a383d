"""The interface's text goes through Qt's translation (issue 28 §5).

An ast pass over gui/ finds every string literal handed to a Qt call that shows text
(setText, setToolTip, QAction, addMenu, QLabel and the like) that is not wrapped in ``tr()``,
and every ``tr()`` that runs at import, before the translations are installed.  The
catalogues must be complete and compiled: every text gathered from gui/ has a Spanish
translation, and the shipped .qm is the one the .ts files compile to.
"""
from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from .translation_helpers import pipeline

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gui"

# calls whose string arguments are shown to the user
TEXT_METHODS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText",
    "setAccessibleName", "setAccessibleDescription", "showMessage", "setTitle", "setLabel",
    "setLabelText", "addTab", "insertTab", "setTabText", "setTabToolTip", "setItemText", "addMenu",
    "addAction", "addItem", "addItems", "insertItem", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setHeaderLabels", "setHeaderLabel", "addRow", "setSuffix",
    "setPrefix", "setSpecialValueText", "information", "warning", "critical", "question", "about",
    "getOpenFileName", "getSaveFileName", "getExistingDirectory", "getText", "getInt", "getDouble",
    "getItem", "setInformativeText", "setDetailedText", "setNameFilter", "setNameFilters",
    "addButton", "setCancelButtonText", "setHtml", "setMarkdown", "setFormat", "setItemToolTip",
}
TEXT_CLASSES = {
    "QAction", "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QMenu", "QDockWidget", "QMessageBox", "QProgressDialog", "QTreeWidgetItem", "QListWidgetItem",
    "QTableWidgetItem", "QStandardItem", "TextItem", "LabelItem", "QCommandLinkButton",
}
# keywords that name things, not text
NOT_TEXT_KEYWORDS = {"objectName", "name", "key", "role", "kind"}
_MARKUP = re.compile(r"<[^>]*>|\{[^}]*\}|&\w+;|%\d|%[sdfgp]")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_.]*")


def is_text(literal: str) -> bool:
    """A literal a user reads: words (two letters or more) once markup and fields are gone,
    and not a lowercase identifier (an API's key such as "left", or a math name such as "tanh")."""
    bare = _MARKUP.sub(" ", literal).strip()
    return bool(re.search(r"[A-Za-z]{2,}", bare)) and not _IDENTIFIER.fullmatch(bare)


def _literal_texts(node: ast.AST) -> list[ast.AST]:
    """The parts of an argument that are literal user text not passed through tr()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if is_text(node.value) else []
    if isinstance(node, ast.JoinedStr):
        words = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [node] if is_text(words) else []
    if isinstance(node, ast.BinOp):                       # "a" + b, "%s" % x
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [n for e in node.elts for n in _literal_texts(e)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _literal_texts(node.func.value)            # "Step {n}".format(n=...)
    return []


def _called(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def untranslated(path: Path) -> list[str]:
    """``file:line: text`` for each literal shown without tr(), each tr() of a non-literal
    f-string, and each tr() run at import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT)
    found: list[str] = []

    def visit(node: ast.AST, at_import: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for d in [*node.args.defaults, *node.args.kw_defaults, *getattr(node, "decorator_list", [])]:
                if d is not None:
                    visit(d, at_import)
            for child in (node.body if isinstance(node.body, list) else [node.body]):
                visit(child, False)
            return
        if isinstance(node, ast.Call):
            called = _called(node)
            if called == "tr":
                if at_import:
                    found.append(f"{name}:{node.lineno}: tr() runs at import, before the translations "
                                 "are installed (use QT_TR_NOOP, and tr() where it is shown)")
                if node.args and not (isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    if isinstance(node.args[0], ast.JoinedStr):
                        found.append(f"{name}:{node.lineno}: tr(f\"...\") cannot be gathered: "
                                     "write tr(\"... {field}\").format(field=...)")
            elif called in TEXT_METHODS or called in TEXT_CLASSES:
                arguments = [*node.args, *(k.value for k in node.keywords if k.arg not in NOT_TEXT_KEYWORDS)]
                for argument in arguments:
                    for literal in _literal_texts(argument):
                        text = ast.get_source_segment(path.read_text(encoding="utf-8"), literal) or "?"
                        found.append(f"{name}:{literal.lineno}: {called}({text[:70]}) is not translated")
        for child in ast.iter_child_nodes(node):
            visit(child, at_import)

    visit(tree, True)
    return found


def test_the_check_finds_what_it_should() -> None:
    """The detector itself: each form of an untranslated text is found, translated ones are not."""
    sample = GUI / "_translation_probe.py"
    code = '''
from .language import tr
TITLE = tr("At import")
def f(label, name):
    label.setText("Learning rate")
    label.setToolTip(f"Step {name} of the run")
    QAction("&Open...", None)
    label.setText("Loss: " + name)
    label.setLabel("left", "Loss")
    label.setText(tr("Learning rate"))
    label.setText(tr("Step {n}").format(n=name))
    label.setObjectName("learningRate")
    label.setText("tanh")
    label.setText("η = {0}".format(name))
    label.setText(tr(f"Step {name}"))
'''
    sample.write_text(code, encoding="utf-8")
    try:
        found = untranslated(sample)
    finally:
        sample.unlink()
    lines = sorted(int(f.split(":")[1]) for f in found)
    assert lines == [3, 5, 6, 7, 8, 9, 15], found


@pytest.mark.parametrize("part", sorted(pipeline.parts()))
def test_no_untranslated_text_in_gui(part: str) -> None:
    found = [f for path in pipeline.parts()[part] for f in untranslated(path)]
    assert not found, f"{len(found)} texts not translated:\n" + "\n".join(found)


@pytest.mark.parametrize("part", sorted(pipeline.parts()))
def test_every_text_has_its_spanish_translation(part: str, tmp_path: Path) -> None:
    """The committed .ts of each part holds exactly the texts gui/ has now, each translated."""
    committed = pipeline.ts_file("es", part)
    assert committed.is_file(), f"run: python packaging/translations.py update {part}"
    fresh = tmp_path / committed.name
    fresh.write_bytes(committed.read_bytes())
    pipeline.gather(pipeline.parts()[part], "es", fresh)
    assert pipeline.sources(fresh) == pipeline.sources(committed), \
        f"resources/translations/es/{part}.ts is out of date: run python packaging/translations.py update {part}"
    missing = pipeline.unfinished(committed)
    assert not missing, f"{len(missing)} texts without a Spanish translation: {missing[:10]}"


def test_the_shipped_catalogue_is_the_compiled_one(tmp_path: Path) -> None:
    """The .qm that ships is what the committed .ts files compile to (run ``release`` after
    editing a translation)."""
    for language in pipeline.LANGUAGES:
        parts = sorted((pipeline.TRANSLATIONS / language).glob("*.ts"))
        out = tmp_path / f"{language}.qm"
        subprocess.run([pipeline._tool("pyside6-lrelease"), "-silent", *map(str, parts), "-qm", str(out)],
                       check=True, capture_output=True)
        assert out.read_bytes() == pipeline.qm_file(language).read_bytes(), \
            "run: python packaging/translations.py release"
