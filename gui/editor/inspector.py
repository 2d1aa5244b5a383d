"""The inspector: what the selected unit, connection, bias or layer holds right now.

:func:`describe` reads the session (never a graphics item) and returns rich text for the
inspector panel in the editor's corner and for tooltips: the parameter, v_in, v_out,
delta, dE/dw and the last update (before → after).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from backprop_studio.core.engine import edits
from backprop_studio.core.engine.naming import bias_name, bias_vector_name, matrix_name, weight_name
from backprop_studio.core.explain.refs import Ref
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD
from backprop_studio.core.training.position import position_of
from backprop_studio.core.training.session import Session
from backprop_studio.gui.hidden_values import HiddenValues
from backprop_studio.gui.shared_sample import mean_note

from ..language import tr
from .values import batch_note, batch_size, bias_gradient, fmt, gradient, last_update, unit_key, unit_values


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<table cellspacing='0' cellpadding='1'>" + "".join(
        f"<tr><td>{a}&nbsp;&nbsp;</td><td align='right'>{b}</td></tr>" for a, b in rows) + "</table>"


Shown = Callable[[Ref, "float | None"], str]     # a value as printed: its digits, or "?" while hidden


def _update_row(core: Session, index: int, position: tuple[int, ...], shown: Shown) -> tuple[str, str]:
    upd = last_update(core, index, position)
    if upd is None:
        return tr("last update"), tr("none yet")
    before, delta, after = upd
    k, bias = index // 2, bool(index % 2)
    i, j = (0, position[0]) if bias else position
    param = lambda kind: Ref(kind, k, i, j, bias=bias)        # noqa: E731 - three kinds of one parameter
    return tr("last update Δ"), (f"{shown(param('update'), delta)} ({shown(param('param'), before)} → "
                             f"{shown(param('after'), after)})")


def _gradient_label(core: Session, name: str) -> str:
    """∂E/∂w, and for a batch that it is the mean of the samples' shares."""
    note = mean_note(batch_size(core))
    return f"{name} ({note})" if note else name


def _describe_unit(core: Session, k: int, i: int, shown: Shown, s: int = 0) -> str:
    net = core.network
    layer = net.layers[k]
    title = (tr("<b>Layer {k}, unit {i}</b>").format(k=k, i=i + 1)
             + (f" · {layer.activation}" if k else " · " + tr("input")))
    v = unit_values(core, k, i, s)
    rows = [("v<sub>in</sub>", shown(unit_key("v_in", k, i, s), v["v_in"])),
            ("v<sub>out</sub>", shown(unit_key("v_out", k, i, s), v["v_out"]))]
    if k:
        rows.append(("δ", shown(unit_key("delta", k, i, s), v["delta"])))
        rows += _bias_rows(core, k, i, shown)
    return f"{title}<br/>{_rows(rows)}{_note(core, s)}"


def _bias_rows(core: Session, k: int, j: int, shown: Shown) -> list[tuple[str, str]]:
    net = core.network
    if not net.layers[k].bias:
        return [(tr("bias"), tr("off"))]
    frozen = " " + tr("(frozen)") if net.frozen_b[k - 1][j] else ""
    return [(bias_vector_name(k - 1, "html"), shown(Ref("weight", k - 1, 0, j, bias=True), net.b[k - 1][j]) + frozen),
            (_gradient_label(core, "∂E/∂b"), shown(Ref("grad", k - 1, 0, j, bias=True), bias_gradient(core, k, j))),
            _update_row(core, 2 * (k - 1) + 1, (j,), shown)]


def _describe_connection(core: Session, k: int, i: int, j: int, shown: Shown, s: int = 0) -> str:
    net = core.network
    title = f"<b>{weight_name(k, i, j, 'html')}</b>: " + tr("unit {i} of layer {k} → unit {j} of layer {next}").format(
        i=i + 1, k=k, j=j + 1, next=k + 1)
    if not net.mask[k][i, j]:
        return f"{title}<br/>" + tr("removed (drawn dashed); restore it from the context menu")
    src, dst = unit_values(core, k, i, s), unit_values(core, k + 1, j, s)
    w = "w" + (" " + tr("(frozen)") if net.frozen_W[k][i, j] else "")
    rows = [(w, shown(Ref("weight", k, i, j), net.W[k][i, j])),
            (tr("v<sub>out</sub> of unit {i} (input)").format(i=i + 1),
             shown(unit_key("v_out", k, i, s), src["v_out"])),
            (tr("δ of unit {j}").format(j=j + 1), shown(unit_key("delta", k + 1, j, s), dst["delta"])),
            (_gradient_label(core, "∂E/∂w"), shown(Ref("grad", k, i, j), gradient(core, k, i, j))),
            _update_row(core, 2 * k, (i, j), shown)]
    return f"{title}<br/>{_rows(rows)}{_note(core, s)}"


def _describe_layer(core: Session, k: int) -> str:
    net = core.network
    layer = net.layers[k]
    if k == 0:
        return tr("<b>Layer 0</b> · input · {n} units (set by the dataset)").format(n=layer.units)
    frozen = " · " + tr("frozen", "a layer") if edits.layer_frozen(net, k) else ""
    bias = tr("bias on") if layer.bias else tr("bias off")
    head = tr("<b>Layer {k}</b> · {n} units").format(k=k, n=layer.units)
    return (f"{head} · {layer.activation} · {bias}{frozen}<br/>"
            + tr("incoming {matrix}: {n} connections").format(matrix=matrix_name(k - 1, "html"),
                                                               n=int(net.mask[k - 1].sum())))


def _note(core: Session, s: int = 0) -> str:
    rec = core.record
    if rec is None:
        return "<br/><i>" + tr("no step taken yet: step to see v, δ and ∂E/∂w") + "</i>"
    return f"<br/><i>{position_of(core).text(tr)}{batch_note(core, s)}</i>"


def describe(core: Session, kind: str, key, precision: int = 4, hidden: HiddenValues | None = None,
             sample: int = 0) -> str:
    """Rich text about an item: kind is neuron, connection, bias or layer.

    ``precision`` is the number of significant digits; what ``hidden`` (``studio.hidden``) hides
    now is printed "?" (a lesson's question, exercise mode), with a line that says why.  Values
    of units are those of ``sample`` (the current sample of the batch, ``studio.sample``).
    """
    hid: list[Ref] = []

    def shown(ref: Ref, value: float | None) -> str:
        if value is not None and hidden is not None and hidden.hides(ref):
            hid.append(ref)
            return SHOWN_INSTEAD
        return fmt(value, precision)

    if kind == "neuron":
        k, i = key
        text = _describe_unit(core, k, i, shown, sample)
    elif kind == "connection":
        k, i, j = key
        text = _describe_connection(core, k, i, j, shown, sample)
    elif kind == "bias":
        k, j = key
        title = f"<b>{bias_name(k - 1, j, 'html')}</b>: " + tr("bias of unit {j} of layer {k}").format(j=j + 1, k=k)
        text = f"{title}<br/>{_rows(_bias_rows(core, k, j, shown))}{_note(core)}"
    elif kind == "layer":
        return _describe_layer(core, key)
    else:
        return ""
    if hid and hidden is not None:
        why = (tr("{shown}: hidden while a lesson's question asks for it: work it out, then check it in the "
                  "Lessons panel.") if hidden.asking else
               tr("{shown}: hidden while exercise mode is on: work it out, then check it in the Step Debugger."))
        text += f"<br/><i>{why.format(shown=SHOWN_INSTEAD)}</i>"
    return text


class InspectorPanel(QLabel):
    """A small card about the selected item, over the canvas.

    It goes to the corner where it hides the fewest units (see ``NetworkEditor``); the user
    can drag it anywhere (it then stays there) or hide it with its × button (View ▸
    Selected-item card brings it back), so it never has to sit on the units one is reading.
    """

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("editorInspector")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(tr("The selected unit, connection, bias or layer: values from the current step.\n"
                           "Drag the card to move it; × hides it (View ▸ Selected-item card shows it again)."))
        self.setAutoFillBackground(True)
        self.setMargin(6)
        self.setContentsMargins(0, 0, 14, 0)                 # room for the × button
        self.setStyleSheet("QLabel#editorInspector { border: 1px solid palette(mid); "
                           "border-radius: 4px; background: palette(base); }")
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("editorInspectorClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Hide this card (View ▸ Selected-item card shows it again)"))
        self.close_button.clicked.connect(self.closed)
        self.user_pos: QPoint | None = None      # where the user dropped it (parent coordinates)
        self._grab: QPoint | None = None
        self.hide()

    def show_text(self, html: str) -> None:
        if not html:
            self.hide()
            return
        self.setText(html)
        self.adjustSize()
        self.close_button.adjustSize()
        self.close_button.move(self.width() - self.close_button.width() - 1, 1)
        self.show()
        self.raise_()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.position().toPoint()
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._grab is not None:
            self.user_pos = self.mapToParent(event.position().toPoint() - self._grab)
            self.move(self.user_pos)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._grab = None
        event.accept()
