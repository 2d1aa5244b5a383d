"""Hostile lesson files, rebuilt from the adversarial pass of issue 26 §4 (shared by the core and
the gui tests).  Each builder returns a lesson document: the good minimal lesson
(tests/core/lessons_good/minimal.json) with one attack in it."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

GOOD = Path(__file__).parent / "lessons_good" / "minimal.json"

# what a stranger puts in a text: a local picture, a huge table, a link to a local file
IMG = '<img src="{png}">'
TABLE = '<table width=100000 height=100000><tr><td>wide</td></tr></table>'
LINK = '<a href="file:///etc/passwd">passwd</a>'


def good() -> dict[str, Any]:
    return json.loads(GOOD.read_text(encoding="utf-8"))


def with_text_everywhere(payload: str) -> dict[str, Any]:
    """``payload`` in every text a lesson supplies: the lesson's title and summary, each step's
    title, text, hints and explanation, the lock's why and the question's prompt."""
    doc = good()
    doc["title"] = ("T " + payload)[:80]
    doc["summary"] = "S " + payload
    for step in doc["steps"]:
        step["title"] = ("t " + payload)[:80]
        step["text"] = "x " + payload
        step["hints"] = ["h " + payload]
        step["explanation"] = "e " + payload
    doc["steps"][0]["lock"]["why"] = "w " + payload
    doc["steps"][0]["task"]["question"]["prompt"] = ("p " + payload)[:200]
    return doc


def csv_project(csv: str, inputs: tuple[str, ...] = ("x",), targets: tuple[str, ...] = ("y",),
                units: tuple[int, ...] = (1, 1)) -> dict[str, Any]:
    """A small project whose dataset is the CSV file ``csv`` (as the lesson writes its path)."""
    layers = [{"units": units[0]}] + [{"units": u, "activation": "sigmoid"} for u in units[1:]]
    return {"format": "backprop-studio", "version": 1, "network": {"layers": layers},
            "dataset": {"csv": csv, "inputs": list(inputs), "targets": list(targets)}}


def embedding(project: dict[str, Any], step: int = 0, name: str = "p") -> dict[str, Any]:
    """A one-step lesson whose state loads ``project`` (embedded) at training step ``step``."""
    doc = good()
    doc["projects"] = {name: project}
    doc["steps"] = [{"title": "A state", "text": "Look.", "state": {"project": f"embedded:{name}", "step": step}}]
    return doc


def network(units: tuple[int, ...], samples: int = 4, batch: int = 0) -> dict[str, Any]:
    """A project of fully connected sigmoid layers of ``units`` on ``samples`` inline samples, in
    batches of ``batch`` (0: the full batch).  No weights are written: they are initialised, so
    the file stays small however large the network."""
    layers = [{"units": units[0]}] + [{"units": u, "activation": "sigmoid"} for u in units[1:]]
    doc: dict[str, Any] = {"format": "backprop-studio", "version": 1, "network": {"layers": layers},
                           "dataset": {"inputs": [[0.1 * (i % 7)] * units[0] for i in range(samples)],
                                       "targets": [[0.5] * units[-1] for _ in range(samples)]},
                           "training": {"batch_size": batch}}
    return doc


def deep_maths(kind: str) -> str:
    """The formulas that overflowed the maths parser's recursion."""
    return {"frac": "$" + "\\frac" * 330 + "$", "hat": "$" + "\\hat" * 400 + "{y}$"}[kind]


def write(folder: Path, doc: dict[str, Any], name: str = "lesson.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# how the app must answer each hostile file when it is opened (File → Open, --lesson PATH):
OPENS = "opens"                 # it reads and starts; its texts are only text
REFUSED = "refused"             # one line naming the problem, before anything is built
NOT_STARTED = "not started"     # its header lists; reading it whole refuses it, in one line


def hostile_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Every hostile lesson file of the adversarial pass, written in ``folder``: name -> (path,
    how the app must answer it)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "link.csv").symlink_to("/etc/passwd")
    summary_maths = good()
    summary_maths["summary"] = deep_maths("frac")
    text_maths = good()
    text_maths["steps"][0]["text"] = deep_maths("hat")
    newer = good()
    newer["version"] = 99
    huge = good()
    huge["summary"] = "x" * (9 * 2 ** 20)
    docs: dict[str, tuple[Any, str]] = {
        "html-img": (with_text_everywhere(IMG.format(png=folder / "x.png")), OPENS),
        "html-table": (with_text_everywhere(TABLE), OPENS),
        "html-link": (with_text_everywhere(LINK), OPENS),
        "maths-in-a-text": (text_maths, OPENS),
        "maths-in-the-summary": (summary_maths, REFUSED),
        "newer-version": (newer, REFUSED),
        "over-8-mib": (huge, REFUSED),
        "csv-etc-passwd": (embedding(csv_project("/etc/passwd")), NOT_STARTED),
        "csv-parent-folder": (embedding(csv_project("../secret.csv")), NOT_STARTED),
        "csv-symlink-out": (embedding(csv_project("link.csv")), NOT_STARTED),
        "over-the-budget": (embedding(network((2, 100, 1)), step=100_000), NOT_STARTED),
        "lessons-over-the-budget": (embedding(network((2, 100, 1)), step=30_000) | {"steps": [
            {"title": f"S{i}", "text": "t", "state": {"project": "embedded:p", "step": 30_000}} for i in range(5)]},
            NOT_STARTED),
    }
    out = {name: (write(folder, doc, f"{name}.json"), kind) for name, (doc, kind) in docs.items()}
    (folder / "not-json.json").write_text("{\"format\": \"backprop-studio-lesson\", ", encoding="utf-8")
    out["not-json"] = (folder / "not-json.json", REFUSED)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.json")
        out["fifo"] = (folder / "fifo.json", REFUSED)
    return out
