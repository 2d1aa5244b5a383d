"""What a screen reader hears: the accessible name and description of every control.

A screen reader announces a control by its *name* ("Learning rate η") and, on request, its
*description* (what the tooltip explains).  Qt gives a button its text as its name; a field,
a combo box, a slider or a canvas has none unless it is given one.  The rules live here:

- :func:`set_tip` sets a tooltip and the accessible description together, the description
  as plain text (a tooltip may be rich text; a screen reader would spell out its tags).
  A widget whose tooltip is set elsewhere still describes itself by it: Qt's accessible
  interface falls back to the tooltip when no description is set.
- :func:`set_name` names a control (and optionally explains it with :func:`set_tip`).
- :func:`name_form_fields` applies the one rule for forms: a row's label names its field
  (and the controls inside a composite field, such as the learning rate's field and slider).
- :func:`name_windows_when_shown` applies the rules to every dialog and dock when it is first
  shown (a dialog, the lesson editor, a floated dock: made after the views, and by code that
  need not remember to call them).
- :func:`interactive_widgets` and :func:`spoken_name` are what the tests (and anyone
  checking a new view) use to find a control nobody named.
"""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPalette, QPen, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDockWidget,
    QFormLayout,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from .language import tr

# the controls a user operates (a canvas and a plot are QGraphicsViews); scroll bars are
# parts of their scroll area, which is named itself
INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractSlider, QAbstractItemView,
               QGraphicsView, QTextEdit, QPlainTextEdit)


def plain(text: str) -> str:
    """``text`` without its markup when it is rich text (as Qt decides for a tooltip)."""
    if not QtGuiNamespace.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def set_tip(widget: QWidget, tip: str) -> None:
    """The tooltip and the accessible description, from one text."""
    widget.setToolTip(tip)
    widget.setAccessibleDescription(plain(tip))


def set_name(widget: QWidget, name: str, tip: str | None = None) -> QWidget:
    """Name ``widget`` for assistive technology (and explain it, when ``tip`` is given)."""
    widget.setAccessibleName(name)
    if tip is not None:
        set_tip(widget, tip)
    return widget


def _label_text(label: QWidget | None) -> str:
    if not isinstance(label, QLabel):
        return ""
    return plain(label.text()).replace("&", "").strip().rstrip(":").strip()


def name_form_fields(root: QWidget) -> None:
    """Every form under ``root``: a row's label names its field, unless it has a name already.

    A composite field (a widget holding controls, such as the learning rate's exact field
    and slider) names each unnamed control inside it by the same label.  Call it again after
    rows are rebuilt (the optimizer's own fields change with the optimizer).
    """
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or field.widget() is None:
                continue
            text = _label_text(label.widget())
            if not text:
                continue
            widget = field.widget()
            assert widget is not None      # checked above
            for control in [widget, *widget.findChildren(QWidget)]:
                if isinstance(control, INTERACTIVE) and not spoken_name(control) and _is_own(control):
                    control.setAccessibleName(text)


def name_by_labels(root: QWidget) -> None:
    """A label just before a control in a row or column names it (and becomes its buddy)."""
    for box in root.findChildren(QBoxLayout):
        items = [item.widget() if (item := box.itemAt(n)) is not None else None for n in range(box.count())]
        for label, control in zip(items, items[1:]):
            text = _label_text(label)
            if text and isinstance(label, QLabel) and isinstance(control, INTERACTIVE) and not spoken_name(control):
                control.setAccessibleName(text)
                label.setBuddy(control)


def name_tab_pages(root: QWidget) -> None:
    """A control that is a whole tab page is named by its tab."""
    for tabs in root.findChildren(QTabWidget):
        for n in range(tabs.count()):
            page = tabs.widget(n)
            if isinstance(page, INTERACTIVE) and not spoken_name(page):
                page.setAccessibleName(tabs.tabText(n).replace("&", ""))


def first_phrase(tip: str) -> str:
    """A tooltip's opening phrase (to its first full stop, colon or line end), as a name."""
    text = plain(tip).strip()
    for stop in ("\n", ". ", ": ", "; "):
        text = text.split(stop)[0]
    return text.rstrip(".").strip()


def name_controls(root: QWidget) -> None:
    """Name every unnamed control under ``root`` by the rules, strongest first: its form row's
    label, the label just before it, its tab, else its tooltip's opening phrase (an explicit
    :func:`set_name` always wins).  Views call it once built (``gui.views.create_view``) and
    again after they rebuild controls."""
    name_form_fields(root)
    name_by_labels(root)
    name_tab_pages(root)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and _is_own(widget) and not spoken_name(widget) and widget.toolTip():
            widget.setAccessibleName(first_phrase(widget.toolTip()))


def tab_leaves_item_views(root: QWidget) -> None:
    """Tab leaves a table or list (the arrow keys move between its cells): Qt's default walks
    Tab through every cell, and a dataset of 200 rows would hold the keyboard for 600 presses."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


def make_accessible(root: QWidget) -> None:
    """The rules of this module for everything under ``root``: names (:func:`name_controls`)
    and Tab that goes round the window (:func:`tab_leaves_item_views`).  ``gui.views.create_view``
    applies them to each view; a view that builds controls later applies them to what it built."""
    name_controls(root)
    tab_leaves_item_views(root)


class _NameWhenShown(QObject):
    """Applies :func:`make_accessible` to a dialog or a dock each time it is shown (its
    controls may have been rebuilt since: the rules never rename a named control), and names
    a toolbar's overflow button."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QToolBar):
            extension = watched.findChild(QToolButton, "qt_toolbar_ext_button")   # Qt's "»"
            if extension is not None and not extension.accessibleName():
                extension.setAccessibleName(tr("More buttons of this toolbar"))
        if event.type() == QEvent.Type.Show and isinstance(watched, (QDialog, QDockWidget)):
            make_accessible(watched)
            if isinstance(watched, QDialog):
                _name_pages_by_title(watched)
        return False


def _name_pages_by_title(dialog: QDialog) -> None:
    """A dialog that is one page of text to read (Keyboard Shortcuts, About) names it by its title."""
    pages = [w for w in dialog.findChildren(QTextEdit) if w.isReadOnly() and not spoken_name(w)]
    if len(pages) == 1 and dialog.windowTitle():
        pages[0].setAccessibleName(dialog.windowTitle())


_filter: _NameWhenShown | None = None


def name_windows_when_shown(app: QApplication) -> None:
    """Name the controls of every dialog and dock as it is shown, in the whole app (once)."""
    global _filter
    if _filter is None:
        _filter = _NameWhenShown(app)
        app.installEventFilter(_filter)


def _is_own(widget: QWidget) -> bool:
    """Not one of Qt's inner parts (a spin box's line edit, a scroll area's bars)."""
    return not widget.objectName().startswith("qt_") and not isinstance(widget, QScrollBar)


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else a button's own text."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    return ""


def interactive_widgets(root: QWidget) -> Iterator[QWidget]:
    """The visible controls under ``root`` a user operates (Qt's inner parts left out: a
    spin box's line edit, a table's headers and corner button, a scroll area's viewport)."""
    viewports = {area.viewport() for area in root.findChildren(QAbstractScrollArea)}
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible() or widget in viewports:
            continue
        if not _is_own(widget) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus and \
                not isinstance(widget, (QAbstractButton, QGraphicsView)):
            continue
        yield widget


FOCUS_RING_PX = 3          # the frame a canvas draws inside its edge while it has the keyboard


def draw_focus_ring(view: QGraphicsView, painter: QPainter) -> None:
    """A canvas's visible focus (call from ``drawForeground``): a frame in the palette's
    highlight colour inside the viewport while the view has the keyboard.  The view repaints
    its viewport when focus comes and goes and when it scrolls, so the frame never smears."""
    if not view.hasFocus():
        return
    painter.save()
    painter.resetTransform()
    painter.setPen(QPen(view.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING_PX))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(view.viewport().rect().adjusted(1, 1, -2, -2))
    painter.restore()
