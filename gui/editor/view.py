"""The network editor: draw an architecture, edit every number, watch a step flow through it.

:class:`NetworkEditor` is a QGraphicsView on a :class:`gui.editor.scene.NetworkScene`.
Structure edits and typed values go through :class:`gui.editor.editing.EditorController`
(one undo command each); the view only handles the mouse and keyboard: context menus,
double-click to type a value, Delete, wheel zoom, drag to pan, F to fit.  The scene is
rebuilt on ``network_changed``/``document_changed`` and merely restyled on
``params_changed``/``step_taken`` (throttled while training runs).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QPainter
from PySide6.QtWidgets import QGraphicsView, QLabel, QMenu, QMessageBox, QToolButton, QToolTip, QWidget

from backprop_studio.core.training.position import position_of
from backprop_studio.gui import theme
from backprop_studio.gui.accessible import draw_focus_ring
from backprop_studio.gui.plot_export import ask_image_path, write_picture
from backprop_studio.gui.shared_sample import SampleChooser, mean_note
from backprop_studio.gui.throttle import Throttle

from ..language import QT_TR_NOOP, tr
from . import menus
from .controls import ConnectionLegend, StructureButtons
from .editing import EditorController
from .fine import FineReadout
from .inspector import InspectorPanel, describe
from .keyboard import EditorKeys, spoken
from .scene import NetworkScene, ViewOptions
from .unit_drag import UnitDrag
from .values import batch_size

if TYPE_CHECKING:
    from ..studio import StudioSession

RESTYLE_WHILE_RUNNING_MS = 100
MAX_FIT_SCALE = 1.4
FIT_ROUNDS, FIT_TOLERANCE = 30, 0.002    # a fit's rounds (labels vs scale) until the scale stays put
TOP_STRIP_PX = 34          # room at the top for the View/Fit buttons and the phase label (at least)
BOTTOM_STRIP_PX = 56       # room at the bottom for the units' +/− buttons and the line key (at least)

# option name -> (menu text, tooltip); all checkable, see ViewOptions; shown through tr()
OPTION_ACTIONS = {
    "weight_labels": (QT_TR_NOOP("Weight labels"), QT_TR_NOOP("Print each weight w (and bias b) on the canvas "
                      "(up to 2,000 drawn connections; where layers are crowded, "
                      "on the selected unit's connections)")),
    "show_v_in": (QT_TR_NOOP("v_in on units"),
                  QT_TR_NOOP("Show each unit's input v_in beside it (for a batch: of the current sample)")),
    "show_v_out": (QT_TR_NOOP("v_out on units"),
                   QT_TR_NOOP("Show each unit's output v_out beside it (for a batch: of the current sample)")),
    "show_delta": (QT_TR_NOOP("δ on units"),
                   QT_TR_NOOP("Show each unit's error term delta beside it (for a batch: of the current sample)")),
    "show_gradients": (QT_TR_NOOP("∂E/∂w on connections"), QT_TR_NOOP("Print each weight's gradient dE/dw on its "
                       "connection (for a batch: the mean over the batch; networks of up to 2,000 drawn connections)")),
    "bias_units": (QT_TR_NOOP("Biases as “+1” units"),
                   QT_TR_NOOP("Draw biases as weights from a constant +1 unit instead of marks")),
    "thumbnails": (QT_TR_NOOP("Output thumbnails (2-D input)"),
                   QT_TR_NOOP("Fill each unit with its output over the 2-D input plane (TensorFlow Playground style)")),
}


class NetworkEditor(QGraphicsView):
    def __init__(self, studio: StudioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkEditor")
        self.setToolTip("")  # tooltips are per item (see viewportEvent)
        self.studio = studio
        self.options = ViewOptions()
        self.edits = EditorController(studio, self)
        self.network_scene = NetworkScene(studio, self.options, self)
        self.setScene(self.network_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self._auto_fit = True
        self._fitting = False
        self._room = 0.0                  # on-screen pixels kept free for the card (_card_room)
        # while running, restyle at most every 100 ms, or less often for a big network
        self._throttle = Throttle(RESTYLE_WHILE_RUNNING_MS / 1000, lambda: self._restyle_now(), self, cost_factor=3.0,
                                  running=lambda: studio.running)
        self._build_overlay()
        studio.network_changed.connect(self._on_session_network_changed)
        studio.document_changed.connect(self._on_session_network_changed)
        # params_changed is followed by step_taken on every path today; it only schedules a
        # restyle (coalesced) so that a lone params_changed still shows
        studio.params_changed.connect(self._throttle.later)
        studio.dataset_changed.connect(self._throttle.later)
        studio.step_taken.connect(self._on_session_values_changed)
        studio.run_state_changed.connect(self._on_session_run_state_changed)
        studio.hidden.changed.connect(self._on_studio_hidden_changed)
        studio.fine.changed.connect(self._on_session_values_changed)
        studio.fine.enabled_changed.connect(self._on_session_network_changed)   # the phase's labels come and go
        theme.signals.changed.connect(self._on_session_network_changed)
        self.network_scene.selectionChanged.connect(self._update_inspector)
        self.keys = EditorKeys(self)                 # the keyboard's moves (gui/editor/keyboard.py)
        self.setAccessibleName(tr("Network editor"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rebuild()

    # -- overlay: view options, fit, phase status, inspector -------------------------------
    def _build_overlay(self) -> None:
        self.option_actions: dict[str, QAction] = {}
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for name, (text, tip) in OPTION_ACTIONS.items():
            action = menu.addAction(tr(str(text)))          # (QT_TR_NOOP is typed as object)
            action.setCheckable(True)
            action.setChecked(getattr(self.options, name))
            action.setToolTip(tr(str(tip)))
            action.setObjectName(f"editorOption_{name}")
            action.toggled.connect(lambda on, n=name: self.set_option(n, on))
            self.option_actions[name] = action
        self.card_action = menu.addAction(tr("Selected-item card"))
        self.card_action.setObjectName("editorOption_inspector_card")
        self.card_action.setCheckable(True)
        self.card_action.setChecked(True)
        self.card_action.setToolTip(tr("Show a card with the selected item's values over the canvas "
                                       "(drag it to move it)"))
        self.card_action.toggled.connect(lambda _on: self._update_inspector())
        precision = menu.addMenu(tr("Precision"))
        group = QActionGroup(self)
        self.precision_actions: dict[int, QAction] = {}
        for digits in (2, 3, 4, 5, 6, 7):
            action = precision.addAction(tr("{n} significant digits").format(n=digits))
            action.setCheckable(True)
            action.setChecked(digits == self.options.precision)
            action.setToolTip(tr("Print values on the canvas and in the inspector with {n} significant digits")
                              .format(n=digits))
            action.triggered.connect(lambda _c=False, d=digits: self.set_option("precision", d))
            group.addAction(action)
            self.precision_actions[digits] = action
        self.view_menu = menu
        self.view_button = QToolButton(self)
        self.view_button.setText(tr("View"))
        self.view_button.setToolTip(tr("What the canvas shows: labels, overlays, bias units, thumbnails, precision"))
        self.view_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.view_button.setMenu(menu)
        self.fit_button = QToolButton(self)
        self.fit_button.setText(tr("Fit"))
        self.fit_button.setToolTip(tr("Fit the whole network into the view (F)"))
        self.fit_button.clicked.connect(self.fit_to_view)
        self.phase_label = QLabel(self)
        self.phase_label.setObjectName("editorPhase")
        self.phase_label.setToolTip(tr("The training step and phase shown on the canvas"))
        # which sample of a batch the canvas shows: the one the debugger and the graph show
        self.sample_box = SampleChooser(self.studio.sample, "editorSample", self)
        self.studio.sample.changed.connect(self._on_studio_sample_changed)
        self.inspector = InspectorPanel(self)
        self.inspector.closed.connect(lambda: self.card_action.setChecked(False))
        self.structure = StructureButtons(self, self.edits)
        self.legend = ConnectionLegend(self)
        self.unit_drag = UnitDrag(self, self.edits)
        self.fine_readout = FineReadout(self, self.studio)

    def strips(self) -> tuple[int, int]:
        """(top, bottom) room in pixels for the buttons and the line key, which grow with the text
        size: the View button's height, the +/− buttons' and the key's (at least the 100 % room).
        (A caption that no longer fits beside the buttons goes under them, over the network: at
        200 % text in a 250-pixel view, holding it too would leave the network no room.)"""
        button = self.view_button.sizeHint().height()
        top = max(TOP_STRIP_PX, button + 13)
        bottom = max(BOTTOM_STRIP_PX, 4 + button + 4 + self.legend.sizeHint().height() + 5)
        return top, bottom

    def _place_overlay(self) -> None:
        vp = self.viewport().geometry()
        self.view_button.adjustSize()
        self.fit_button.adjustSize()
        self.view_button.move(vp.left() + 6, vp.top() + 6)
        self.fit_button.move(self.view_button.geometry().right() + 4, vp.top() + 6)
        self.structure.place(self.fit_button.geometry().right() + 12, vp.top() + 6, self._column_bottom)
        self.legend.move(vp.left() + 6, vp.bottom() - self.legend.height() - 6)
        self.phase_label.adjustSize()
        x = vp.right() - self.phase_label.width() - 8
        buttons = self.structure.remove_layer.geometry().right() + 8
        # beside the buttons when there is room, else under them (a long phase at a large text size)
        y = vp.top() + 8 if x >= buttons else self.view_button.geometry().bottom() + 4
        self.phase_label.move(x, y)
        self.sample_box.adjustSize()         # in the bottom strip, at the right edge: never over the network
        self.sample_box.move(vp.right() - self.sample_box.width() - 8, vp.bottom() - self.sample_box.height() - 6)
        self.inspector.move(self._inspector_place(vp))
        self._place_fine_readout(vp)
        for w in (self.view_button, self.fit_button, self.phase_label, self.sample_box, self.legend, self.inspector,
                  self.fine_readout):
            w.raise_()

    def _place_fine_readout(self, vp: QRect) -> None:
        """Fine stepping's formula: centred at the bottom, as wide as it needs (at most the view)."""
        r = self.fine_readout
        if r.isHidden():
            return
        r.setMinimumWidth(0)
        r.setMaximumWidth(16777215)            # (QWIDGETSIZE_MAX) measured free of the last fixed width
        r.setWordWrap(False)
        natural = r.sizeHint().width()
        r.setWordWrap(True)                    # wrapped only when the view is narrower than the formula
        r.setFixedWidth(min(natural, max(vp.width() - 12, 100)))
        r.setFixedHeight(r.heightForWidth(r.width()))
        r.move(vp.left() + (vp.width() - r.width()) // 2, vp.bottom() - r.height() - 6)

    def _column_bottom(self, k: int) -> QPoint | None:
        """The viewport point just under layer k's lowest unit (for its +/− buttons)."""
        scene = self.network_scene
        if scene.layout is None:
            return None
        bottoms = [item.sceneBoundingRect().bottom() for (kk, _i), item in scene.neurons.items() if kk == k]
        if not bottoms:
            return None
        return self.mapFromScene(scene.layout.x(k), max(bottoms))

    def _inspector_place(self, vp) -> QPoint:
        """Where the user dropped the card (kept inside the view), else the corner where it
        hides the fewest units."""
        w, h = self.inspector.width(), self.inspector.height()
        if self.inspector.user_pos is not None:
            p = self.inspector.user_pos
            return QPoint(min(max(p.x(), vp.left()), max(vp.right() - w, vp.left())),
                          min(max(p.y(), vp.top()), max(vp.bottom() - h, vp.top())))
        top = vp.top() + round(self.strips()[0])
        corners = [QPoint(vp.right() - w - 6, vp.bottom() - h - 6), QPoint(vp.left() + 6, vp.bottom() - h - 6),
                   QPoint(vp.right() - w - 6, top), QPoint(vp.left() + 6, top)]

        def covered(corner: QPoint) -> int:
            area = self.mapToScene(self.viewport().mapFrom(self, corner).x(),
                                   self.viewport().mapFrom(self, corner).y(), w, h).boundingRect()
            units = sum(1 for item in self.network_scene.items(area) if getattr(item, "kind", "") == "neuron")
            card = QRect(corner, QSize(w, h))
            controls = [self.legend, *(b for pair in self.structure.units.values() for b in pair)]
            return units + sum(1 for c in controls if c.isVisible() and c.geometry().intersects(card))

        return min(corners, key=covered)

    def set_option(self, name: str, value) -> None:
        """Change a view option; options that move things rebuild the scene."""
        if getattr(self.options, name) == value:
            return
        setattr(self.options, name, value)
        if name in self.option_actions and self.option_actions[name].isChecked() != value:
            self.option_actions[name].setChecked(value)
        if name == "precision":
            self.precision_actions[value].setChecked(True)
            self._restyle()
        else:
            self.rebuild()

    # -- following the session ---------------------------------------------------------------
    def rebuild(self) -> None:
        self._throttle.cancel()
        self.network_scene.rebuild()
        self.structure.sync()
        self.legend.sync(self.studio.session.network)
        if self._auto_fit:
            self.fit_to_view(keep_auto=True)
        else:
            self._frame(self.transform().m11())
        self._update_status()
        self._update_inspector()

    def _restyle(self) -> None:
        self._throttle.now()

    def _restyle_now(self) -> None:
        self.network_scene.restyle()
        self.legend.sync(self.studio.session.network)         # a frozen weight's sign may have changed
        self._update_status()
        self._update_inspector()

    def _on_session_network_changed(self) -> None:
        self.rebuild()

    def _on_session_values_changed(self) -> None:
        self._throttle.request(self.studio.running)

    def _on_session_run_state_changed(self, running: bool) -> None:
        if not running:
            self._restyle()

    def _update_status(self) -> None:
        core = self.studio.session
        text = position_of(core).text(tr)   # the one way of naming it, as every view
        batch = batch_size(core)
        self.sample_box.set_batch(batch)
        if batch > 1:                      # the units show the sample beside; the gradients are means
            text += f"\n∂E/∂w: {mean_note(batch)}"
        self.phase_label.setText(text + (" · " + tr("running") if self.studio.running else ""))
        self.fine_readout.sync()
        self._place_overlay()

    def _on_studio_sample_changed(self, _sample: int) -> None:
        self._restyle()

    def current_sample(self) -> int:
        """The sample of the batch the canvas shows (``studio.sample``)."""
        return self.studio.sample.within(batch_size(self.studio.session))

    def _on_studio_hidden_changed(self) -> None:
        """A lesson's question or exercise mode hides other values now."""
        self._on_session_values_changed()
        self._update_inspector()

    def _update_inspector(self) -> None:
        items = [it for it in self.network_scene.selectedItems() if hasattr(it, "kind") and hasattr(it, "key")]
        html = describe(self.studio.session, items[0].kind, items[0].key, self.options.precision,
                        self.studio.hidden, self.current_sample()) if items and self.card_action.isChecked() else ""
        self.inspector.show_text(html)
        if self._card_room() != self._room:
            self._frame(self.transform().m11())     # the network steps aside for the card, or back
        else:
            self._place_overlay()
        self._describe_selection()

    def _describe_selection(self) -> None:
        """The selected item's name and values, as the screen reader reads the canvas."""
        items: list[Any] = [it for it in self.network_scene.selectedItems() if hasattr(it, "kind")]
        text = spoken(self, items[0].kind, items[0].key) if items else spoken(self, None, None)
        if self.accessibleDescription() != text:
            self.setAccessibleDescription(text)

    def _card_room(self) -> float:
        """On-screen pixels to keep free right of the fitted network for the selected-item card.

        A tall, narrow network (spiral: 16 units a layer) is fitted by its height and stands in
        the middle, narrower than the card: every corner of the view then puts the card over
        some units (issue 25, item 2).  When the card is wider than the room beside the
        network and the network fits beside the card, the network moves left by that much.
        """
        card = self.inspector
        if not self._auto_fit or not card.isVisibleTo(self) or card.user_pos is not None:
            return 0.0
        width = self.viewport().width()
        network = self.network_scene.sceneRect().width() * self.transform().m11()
        need = card.width() + 12
        if (width - network) / 2 >= need or network + need > width:
            return 0.0
        return float(need)

    # -- items under the mouse -------------------------------------------------------------------
    def item_at(self, pos: QPoint):
        """(kind, key) of the editable item at a viewport position, or (None, None)."""
        for item in self.items(pos):
            kind = getattr(item, "kind", None)
            if kind == "bias_unit":
                return "layer", getattr(item, "key", None)
            if kind is not None:
                return kind, getattr(item, "key", None)
        return None, None

    def context_menu_for(self, kind: str | None, key) -> QMenu:
        """The context menu of an item; the background gets the view options."""
        if kind is None:
            menu = QMenu(self)
            menu.setToolTipsVisible(True)
            menu.addAction(tr("Fit to view"), self.fit_to_view).setToolTip(tr("Show the whole network (F)"))
            menu.addAction(tr("Export picture…"), lambda: export_canvas_dialog(self)).setToolTip(
                tr("Save the canvas as PNG or SVG"))
            menu.addSeparator()
            for action in self.view_menu.actions():
                menu.addAction(action)
            return menu
        return menus.context_menu(self, self.edits, kind, key)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.reason() == event.Reason.Keyboard:          # the menu key: the selection's menu
            self.keys.open_menu()
            return
        kind, key = self.item_at(event.pos())
        if kind is not None:
            self.network_scene.clearSelection()
            for item in self.items(event.pos()):
                if getattr(item, "key", None) == key and getattr(item, "kind", None) == kind:
                    item.setSelected(True)
                    break
        self.context_menu_for(kind, key).exec(event.globalPos())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            kind, key = self.item_at(event.position().toPoint())
            self.unit_drag.pressed(kind, key, self.mapToScene(event.position().toPoint()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.unit_drag.moving(self.mapToScene(event.position().toPoint())):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)       # (the scene lets go of the unit first)
        self.unit_drag.released(self.mapToScene(event.position().toPoint()))

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        super().scrollContentsBy(dx, dy)
        self._place_overlay()                   # the units' buttons follow their columns
        if self.hasFocus():
            self.viewport().update()            # the focus ring must not scroll with the picture

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        kind, key = self.item_at(event.position().toPoint())
        if kind == "connection":
            self.edits.edit_weight(*key)
        elif kind in ("neuron", "bias"):
            self.edits.edit_bias(*key)
        elif kind == "layer" and 0 < key < self.studio.session.network.depth:
            self.edits.set_units(key)
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.keys.key_pressed(event):
            return
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        elif key == Qt.Key.Key_F:
            self.fit_to_view()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_Escape:
            self.network_scene.clearSelection()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.keys.enter()
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802 - Qt's name
        """The focus ring: a frame inside the canvas while it has the keyboard."""
        super().drawForeground(painter, rect)
        draw_focus_ring(self, painter)

    def delete_selected(self) -> bool:
        """Delete: remove the selected connections, units or layer (one undo command)."""
        chosen = [(it.kind, it.key) for it in self.network_scene.selectedItems()
                  if hasattr(it, "kind") and hasattr(it, "key")]
        return self.edits.remove_items(chosen) if chosen else False

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip:
            kind, key = self.item_at(event.pos())
            if kind is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe(self.studio.session, kind, key, self.options.precision,
                                                              self.studio.hidden, self.current_sample()), self)
            return True
        return super().viewportEvent(event)

    # -- zoom, pan, fit ------------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.15 ** steps)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11()
        factor = max(0.03 / scale, min(factor, 8.0 / scale))
        self.scale(factor, factor)
        self._auto_fit = False
        self._set_scroll_bars(True)
        self._frame(self.transform().m11())

    def _frame(self, scale: float) -> None:
        """Size the column labels for ``scale``; scroll over the scene plus the buttons' strip
        (and, fitted, the room the card needs beside the network: :meth:`_card_room`)."""
        self.network_scene.fit_labels(scale)
        self._room = self._card_room()
        top, bottom = self.strips()
        self.setSceneRect(self.network_scene.sceneRect().adjusted(0, -top / scale, self._room / scale, bottom / scale))
        self._place_overlay()

    def _set_scroll_bars(self, on: bool) -> None:
        """Scroll bars only while zoomed by hand.  Fitted, the whole network is in view: were the
        bars "as needed", a fit a pixel too big for the view would show them, the smaller
        viewport would be fitted again without them, and so on without end (issue 25, item 6).
        Off, the viewport's size never depends on the fit, so one fit is a fixed point."""
        policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded if on else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)
            self.setVerticalScrollBarPolicy(policy)

    def fit_to_view(self, keep_auto: bool = False) -> None:
        """Show the whole network under the View/Fit strip, never blown up beyond MAX_FIT_SCALE."""
        self._auto_fit = True
        if self._fitting:               # a resize sent while fitting (the bars going): this fit
            return                      # reads the viewport after them
        self._fitting = True
        try:
            self._set_scroll_bars(False)        # first: the fit is for the viewport without them
            self._fit(self.viewport().rect())
        finally:
            self._fitting = False

    def _fit(self, vp: QRect) -> None:
        """The scale at which the scene, with its labels sized for that scale, fills ``vp``.

        The column labels keep their on-screen size, so their scene size depends on the scale
        and the scale on the scene's size: the rounds go on until the scale stays put.  They
        start from the labels' natural size (scale 1), never from the last fit: a fit in a
        viewport 68 pixels high (a dock being arranged) left labels a thousand times their
        size, and three rounds from there fitted the next, full-size view at a fifth of its
        scale (issue 25: the network drawn tiny after a lesson opened)."""
        scale = 1.0
        self.network_scene.fit_labels(scale)
        for _ in range(FIT_ROUNDS):
            rect = self.network_scene.sceneRect()
            if rect.isEmpty():
                return
            new = min((vp.width() - 4) / rect.width(),
                      (vp.height() - 4 - sum(self.strips())) / rect.height(), MAX_FIT_SCALE)
            new = max(new, 1e-3)
            settled = abs(new - scale) <= FIT_TOLERANCE * scale
            scale = new
            self.network_scene.fit_labels(scale)
            if settled:
                break
        self.resetTransform()
        self.scale(scale, scale)
        self._frame(scale)
        self.centerOn(self.sceneRect().center())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit_to_view()
        self._place_overlay()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(800, 500)

    # -- export ---------------------------------------------------------------------------------
    def export_image(self, path: str | Path) -> Path:
        """Save the whole canvas: SVG when the name ends in .svg, else a PNG at twice the size.

        The column labels are sized for the picture (scale 1), not for the view's zoom.
        """
        scale = self.transform().m11()
        self.network_scene.fit_labels(1.0)
        try:
            return self._render_to(Path(path), self.network_scene.sceneRect())
        finally:
            self._frame(scale)

    def _render_to(self, path: Path, rect: QRectF) -> Path:
        return write_picture(self.network_scene, rect, path, self.network_scene.backgroundBrush().color(),
                             tr("Backprop Studio network"))


def export_canvas_dialog(view: NetworkEditor) -> Path | None:
    """Ask for a file name and export the canvas (File ▸ Export ▸ Export Network Picture…)."""
    name = ask_image_path(view, tr("Export network picture"), "network.png")
    if name is None:
        return None
    try:
        return view.export_image(name)
    except OSError as exc:
        QMessageBox.warning(view, tr("Export failed"), str(exc))
        return None
