"""A step's words: its title and Markdown text, with a live preview and the problems in them.

The preview (``lessonEditorPreview``) is the Lessons panel's own rendering of the step
(:func:`preview_html`: the same renderer and the same text browser, which loads nothing), with
the question's prompt, the hints and the explanation the learner will see after the task.  A
text outside the Markdown and maths subset shows as the learner would see it (plain, with the
reason), and the problems list (``lessonEditorStepProblems``) names each with its line and
column, in the words of ``lessons check``.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from backprop_studio.core.lessons import render_prompt
from backprop_studio.core.lessons.language import english_of, with_english
from backprop_studio.core.lessons.markdown import render_line, render_plain

from ...language import tr
from ..safe_text import LessonTextBrowser, markdown, set_rich
from .bound import StepForm, put_text
from .document import LessonDocument


def preview_html(lesson_title: Any, step: dict[str, Any], index: int, count: int) -> str:
    """Step ``index`` of ``count`` as the Lessons panel shows it: heading, title, text, the task's
    prompt, every hint and the explanation (which the learner sees one at a time)."""
    def line(x: Any) -> str:
        x = english_of(x)
        return render_line(x) if isinstance(x, str) and x.strip() and "\n" not in x else render_plain(str(x or ""))

    def md(x: Any) -> str:
        return markdown(english_of(x))

    # the app's own words around the lesson's (translated here: lupdate does not read f-strings)
    where = tr("step {n} of {count}").format(n=index + 1, count=count)
    tr_question, tr_task = tr("Question."), tr("Task.")
    tr_your_turn = tr("Your turn: do what the text says (or press Show me).")
    hint, after = tr("Hint {n}."), tr("After the task:")
    parts = [f"<p><b>{line(lesson_title)}</b> · {where}</p>",
             f"<h3>{line(step.get('title', ''))}</h3>", md(step.get("text", ""))]
    task = found if isinstance(found := step.get("task"), dict) else {}
    question = asked if isinstance(asked := task.get("question"), dict) else None
    if question is not None and english_of(question.get("prompt")):
        parts.append(f"<p><b>{tr_question}</b> {render_prompt(english_of(question['prompt']))}</p>")
    elif "do" in task:
        parts.append(f"<p><b>{tr_task}</b> {tr_your_turn}</p>")
    hints = given if isinstance(given := step.get("hints"), list) else []
    parts += [f"<p><b>{hint.format(n=n + 1)}</b> {md(h)}</p>" for n, h in enumerate(hints)]
    if step.get("explanation"):
        parts.append(f"<hr><p><i>{after}</i></p>" + md(step["explanation"]))
    return "".join(parts)


class TextForm(StepForm):
    """The title and text of a step, and the preview of the whole step."""

    def __init__(self, document: LessonDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = QLineEdit()
        self.title.setObjectName("lessonEditorStepTitle")
        self.title.setToolTip(tr("The step's title: one line, at most 80 characters (w_12^(1) gets real "
                                 "sub- and superscripts)"))
        self.title.setMaxLength(80)
        self.text = QPlainTextEdit()
        self.text.setObjectName("lessonEditorText")
        self.text.setToolTip(tr("Markdown: paragraphs, ### headings, - lists, **bold**, *italic*, `code`, "
                                "[links](https://…), $inline maths$ and $$display maths$$ on lines of their own"))
        self.text.setPlaceholderText(tr("What the learner reads. Maths: {formula}").format(
            formula="$v_{in}^{(1)} = W^{(0\\to1)T} x$"))
        self.problems = QLabel()
        self.problems.setObjectName("lessonEditorStepProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = LessonTextBrowser()
        self.preview.setObjectName("lessonEditorPreview")
        self.preview.setToolTip(tr("The step as the learner will see it (the Lessons panel's own rendering)"))
        self.preview.setOpenExternalLinks(True)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Title"), self.title)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(form)
        top_layout.addWidget(self.text, 1)
        top_layout.addWidget(self.problems)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.preview)
        split.setSizes([220, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)
        self.title.textEdited.connect(lambda t: self.set(
            "title", with_english(self.step.get("title"), t), tr("Edit step title"), merge=True))
        self.text.textChanged.connect(lambda: self.set(
            "text", with_english(self.step.get("text"), self.text.toPlainText()), tr("Edit step text"), merge=True))
        self.step_problems: list[str] = []
        self.refresh()

    def load(self, step: dict[str, Any]) -> None:
        put_text(self.title, english_of(step.get("title")))
        put_text(self.text, english_of(step.get("text")))
        self.preview.setHtml(preview_html(self.document.doc.get("title", ""), step, self.index,
                                          len(self.document.steps)))
        self.show_problems(self.step_problems)

    def show_problems(self, problems: list[str]) -> None:
        """The problems of this step (lines of :func:`core.lessons.draft.problems`), or none."""
        self.step_problems = problems
        set_rich(self.problems, "<br>".join(f"⚠ {render_plain(p)}" for p in problems))
        self.problems.setVisible(bool(problems))
