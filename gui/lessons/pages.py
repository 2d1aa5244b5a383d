"""The Lessons panel's two pages, laid out (Qt Designer's ``setupUi`` habit: the widgets become
attributes of the panel, whose methods in :mod:`.panel` give them their behaviour).

The list page: the lessons in sections (:mod:`.library`), the selected lesson's summary, Start /
Reset progress, and Open Lesson File… / Add Folder… / Remove from List.  The lesson page: the
step's title and text, the task (the widgets of its kind of question and Check or Commit, or Show
me), hints, Back / Next, Leave lesson, and a progress row with Cancel while a costly step is being
prepared.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.explain.answers import TRIES
from backprop_studio.gui import text_size, theme

from ..language import tr
from .questions.area import QuestionArea
from .safe_text import LessonTextBrowser

if TYPE_CHECKING:
    from .panel import LessonPanel


def button(text: str, name: str, tip: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)        # only ever the renderer's output
    return label


def build_list_page(p: LessonPanel) -> QWidget:
    p.list = QListWidget()
    p.list.setObjectName("lessonList")
    p.list.setToolTip(tr("The lessons, in sections (shipped, yours, added folders, courses), with your "
                         "progress (steps done / steps)"))
    p.list.setWordWrap(True)
    p.summary = _label("lessonSummary")
    p.start_button = button(tr("Start"), "lessonStart", tr("Start the selected lesson where you left it "
                            "(your own document is kept aside and comes back when you leave)"))
    p.reset_button = button(tr("Reset progress"), "lessonResetProgress",
                            tr("Forget your progress in the selected lesson"))
    p.open_button = button(tr("Open Lesson File…"), "lessonOpenFile",
                           tr("Open a lesson or a course file from anywhere (File → Open does the same): "
                              "it is listed here from then on"))
    p.folder_button = button(tr("Add Folder…"), "lessonAddFolder",
                             tr("List every lesson and course in a folder (a class's shared folder, say)"))
    p.forget_button = button(tr("Remove from List"), "lessonForget",
                             tr("Stop listing the selected lesson's added folder or opened file (nothing is deleted)"))
    row = QHBoxLayout()
    row.addWidget(p.start_button)
    row.addWidget(p.reset_button)
    row.addStretch(1)
    files = QHBoxLayout()
    files.addWidget(p.open_button)
    files.addWidget(p.folder_button)
    files.addWidget(p.forget_button)
    files.addStretch(1)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    intro = QLabel(tr("<b>Lessons</b>: the article, step by step, in the live app."))
    intro.setWordWrap(True)
    layout.addWidget(intro)
    layout.addWidget(p.list, 1)
    layout.addWidget(p.summary)
    layout.addLayout(row)
    layout.addLayout(files)
    return page


def build_lesson_page(p: LessonPanel) -> QWidget:
    p.heading = _label("lessonHeading")
    p.step_title = _label("lessonStepTitle")
    p.text = LessonTextBrowser()
    p.text.setObjectName("lessonText")
    p.text.setOpenExternalLinks(True)
    p.text.setToolTip(tr("The step's text; the explanation follows it once the task is done"))
    # a little larger than the rest (sub- and superscripts stay legible), at the text size
    theme.keep_styled(p.text, lambda _c: p.text.setFont(text_size.font(scale=1.15)))
    p.lock_note = _label("lessonLockNote")
    p.prompt = _label("lessonPrompt")
    p.answer = QLineEdit()
    p.answer.setObjectName("lessonAnswer")
    p.answer.setPlaceholderText(tr("your answer, e.g. 0.731"))
    p.answer.setToolTip(tr("Type the number the step asks for (three significant digits are enough), "
                           "then press Enter or Check"))
    p.question_area = QuestionArea()    # the answer widgets of the question's kind
    p.check_button = button(tr("Check"), "lessonCheck",
                            tr("Check your answer ({tries} tries, then the value is shown)").format(tries=TRIES))
    p.check_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # not a bar alone
    p.feedback = _label("lessonFeedback")
    p.hint_button = button(tr("Hint"), "lessonHint", tr("Show the next hint"))
    p.show_me_button = button(tr("Show me"), "lessonShowMe", tr("Do this step's task for me"))
    p.back_button = button(tr("◀ Back"), "lessonBack", tr("The previous step"))
    p.next_button = button(tr("Next ▶"), "lessonNext", tr("The next step (once this step's task is done)"))
    p.leave_button = button(tr("Leave lesson"), "lessonLeave",
                            tr("Back to the list; your own document comes back as you left it"))
    p.preparing = QProgressBar()
    p.preparing.setObjectName("lessonPreparing")
    p.preparing.setToolTip(tr("The step's state is being built (its training replayed), off the window's thread"))
    p.preparing.setFormat(tr("Preparing the step… %p%"))
    p.cancel_button = button(tr("Cancel"), "lessonCancel", tr("Stop preparing the step (you stay where you were)"))
    answer_row = QHBoxLayout()
    answer_row.addWidget(p.answer, 1)
    answer_row.addWidget(p.check_button, 0, Qt.AlignmentFlag.AlignLeft)
    task_row = QHBoxLayout()
    task_row.addWidget(p.hint_button)
    task_row.addWidget(p.show_me_button)
    task_row.addStretch(1)
    p.preparing_row = QWidget()
    preparing = QHBoxLayout(p.preparing_row)
    preparing.setContentsMargins(0, 0, 0, 0)
    preparing.addWidget(p.preparing, 1)
    preparing.addWidget(p.cancel_button)
    p.preparing_row.hide()
    nav = QHBoxLayout()
    nav.addWidget(p.back_button)
    nav.addWidget(p.next_button)
    nav.addStretch(1)
    nav.addWidget(p.leave_button)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(p.heading)
    layout.addWidget(p.step_title)
    layout.addWidget(p.text, 1)
    layout.addWidget(p.lock_note)
    layout.addWidget(p.prompt)
    layout.addWidget(p.question_area)
    layout.addLayout(answer_row)
    layout.addWidget(p.feedback)
    layout.addLayout(task_row)
    layout.addWidget(p.preparing_row)
    layout.addLayout(nav)
    return page
