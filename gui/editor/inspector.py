"""The inspector: what the selected unit, connection, bias or layer holds right now.

:func:`describe` reads the session (never a graphics item) and returns rich text for the
inspector panel in the editor's corner and for tooltips: the parameter, v_in, v_out,
delta, dE/dw and the last update (before → after).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from backprop_studio.core.engine.naming import bias_name, weight_name
from backprop_studio.core.training.session import Session

from . import edits
from .values import batch_note, bias_gradient, fmt, gradient, last_update, unit_values


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<table cellspacing='0' cellpadding='1'>" + "".join(
        f"<tr><td>{a}&nbsp;&nbsp;</td><td align='right'>{b}</td></tr>" for a, b in rows) + "</table>"


def _update_row(core: Session, index: int, position: tuple[int, ...], p: int) -> tuple[str, str]:
    upd = last_update(core, index, position)
    if upd is None:
        return "last update", "none yet"
    before, delta, after = upd
    return "last update Δ", f"{fmt(delta, p)} ({fmt(before, p)} → {fmt(after, p)})"


def _describe_unit(core: Session, k: int, i: int, p: int) -> str:
    net = core.network
    layer = net.layers[k]
    title = f"<b>Layer {k}, unit {i + 1}</b>" + (f" · {layer.activation}" if k else " · input")
    v = unit_values(core, k, i)
    rows = [("v<sub>in</sub>", fmt(v["v_in"], p)), ("v<sub>out</sub>", fmt(v["v_out"], p))]
    if k:
        rows.append(("δ", fmt(v["delta"], p)))
        rows += _bias_rows(core, k, i, p)
    return f"{title}<br/>{_rows(rows)}{_note(core)}"


def _bias_rows(core: Session, k: int, j: int, p: int) -> list[tuple[str, str]]:
    net = core.network
    if not net.layers[k].bias:
        return [("bias", "off")]
    frozen = " (frozen)" if net.frozen_b[k - 1][j] else ""
    return [(f"b<sup>({k})</sup>", fmt(net.b[k - 1][j], p) + frozen),
            ("∂E/∂b", fmt(bias_gradient(core, k, j), p)),
            _update_row(core, 2 * (k - 1) + 1, (j,), p)]


def _describe_connection(core: Session, k: int, i: int, j: int, p: int) -> str:
    net = core.network
    title = (f"<b>{weight_name(k, i, j, 'html')}</b>: unit {i + 1} of layer {k} → "
             f"unit {j + 1} of layer {k + 1}")
    if not net.mask[k][i, j]:
        return f"{title}<br/>removed (drawn dashed); restore it from the context menu"
    src, dst = unit_values(core, k, i), unit_values(core, k + 1, j)
    rows = [("w" + (" (frozen)" if net.frozen_W[k][i, j] else ""), fmt(net.W[k][i, j], p)),
            (f"v<sub>out</sub> of unit {i + 1} (input)", fmt(src["v_out"], p)),
            (f"δ of unit {j + 1}", fmt(dst["delta"], p)),
            ("∂E/∂w", fmt(gradient(core, k, i, j), p)),
            _update_row(core, 2 * k, (i, j), p)]
    return f"{title}<br/>{_rows(rows)}{_note(core)}"


def _describe_layer(core: Session, k: int) -> str:
    net = core.network
    layer = net.layers[k]
    if k == 0:
        return f"<b>Layer 0</b> · input · {layer.units} units (set by the dataset)"
    frozen = " · frozen" if edits.layer_frozen(net, k) else ""
    return (f"<b>Layer {k}</b> · {layer.units} units · {layer.activation} · "
            f"bias {'on' if layer.bias else 'off'}{frozen}<br/>"
            f"incoming W<sup>({k - 1}→{k})</sup>: {int(net.mask[k - 1].sum())} connections")


def _note(core: Session) -> str:
    rec = core.record
    if rec is None:
        return "<br/><i>no step taken yet: step to see v, δ and ∂E/∂w</i>"
    state = f"step {rec.step}" + (f", after {rec.current_phase}" if core.pending is not None else "")
    return f"<br/><i>{state}{batch_note(core)}</i>"


def describe(core: Session, kind: str, key, precision: int = 4, hidden: bool = False) -> str:
    """Rich text about an item: kind is neuron, connection, bias or layer.

    ``precision`` is the number of significant digits; ``hidden`` (exercise mode): only the
    structure, none of the computed values.
    """
    if hidden and kind != "layer":
        return "Values are hidden while exercise mode is on: work them out, then check them in the Step Debugger."
    if kind == "neuron":
        return _describe_unit(core, *key, precision)
    if kind == "connection":
        return _describe_connection(core, *key, precision)
    if kind == "bias":
        k, j = key
        title = f"<b>{bias_name(k - 1, j, 'html')}</b>: bias of unit {j + 1} of layer {k}"
        return f"{title}<br/>{_rows(_bias_rows(core, k, j, precision))}{_note(core)}"
    if kind == "layer":
        return _describe_layer(core, key)
    return ""


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
        self.setToolTip("The selected unit, connection, bias or layer: values from the current step.\n"
                        "Drag the card to move it; × hides it (View ▸ Selected-item card shows it again).")
        self.setAutoFillBackground(True)
        self.setMargin(6)
        self.setContentsMargins(0, 0, 14, 0)                 # room for the × button
        self.setStyleSheet("QLabel#editorInspector { border: 1px solid palette(mid); "
                           "border-radius: 4px; background: palette(base); }")
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("editorInspectorClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this card (View ▸ Selected-item card shows it again)")
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
