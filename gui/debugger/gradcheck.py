"""The gradient check view: backprop against central differences, per parameter.

Small networks are checked at once; a big one (many parameters times samples) runs in a
worker thread while a busy bar shows, so the window never freezes.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.engine.gradcheck import GradCheck, gradient_check
from backprop_studio.core.engine.losses import LOSSES
from backprop_studio.core.engine.naming import bias_name, weight_name
from backprop_studio.core.explain.refs import Ref
from backprop_studio.gui import theme
from backprop_studio.gui.language import tr

if TYPE_CHECKING:
    from ..studio import StudioSession

FLAG = 1e-5              # relative errors above this are flagged
SYNC_WORK = 20_000       # parameters x samples checked without a thread
MAX_ROWS = 500


class GradientCheckView(QWidget):
    finished = Signal()

    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("gradientCheck")
        self.studio = studio
        self.result: GradCheck | None = None
        self._thread: threading.Thread | None = None
        self._pending: tuple | None = None
        self.scope = QComboBox()
        self.scope.setObjectName("gradientCheckScope")
        self.scope.addItems([tr("on the current batch"), tr("on the whole training set")])
        self.scope.setToolTip(tr("Check the gradient of the loss on the current step's batch "
                                 "(at the parameters before its update) or on all training samples"))
        self.button = QPushButton(tr("Run gradient check"))
        self.button.setObjectName("gradientCheckButton")
        self.button.setToolTip(tr("Compare backprop with central differences (E(p+h) − E(p−h)) / 2h "
                                  "for every parameter; relative errors above {flag} are flagged")
                               .format(flag=f"{FLAG:g}"))
        self.button.clicked.connect(lambda: self.run(self.scope.currentIndex() == 1))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setToolTip(tr("The check is running"))
        self.busy.hide()
        self.summary = QLabel(tr("Not run yet."))
        self.summary.setObjectName("gradientCheckSummary")
        self.summary.setWordWrap(True)
        self.summary.setToolTip(tr("The worst relative error over all parameters"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("gradientCheckTable")
        self.table.setToolTip(tr("Relative error |a − n| / (|a| + |n|) per parameter; ✗ marks errors above {flag}")
                              .format(flag=f"{FLAG:g}"))
        self.table.setHorizontalHeaderLabels([tr("parameter"), tr("backprop"), tr("numerical"), tr("relative error"),
                                              ""])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        top = QHBoxLayout()
        top.addWidget(self.button)
        top.addWidget(self.scope)
        top.addWidget(self.busy)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._loss = studio.session.config.loss      # the loss the shown result was checked with
        for signal in (studio.document_changed, studio.network_changed, studio.dataset_changed):
            signal.connect(self.clear)
        studio.config_changed.connect(self._on_session_config_changed)
        studio.hidden.changed.connect(self._fill)
        self._rows: list[tuple[float, str, Ref, float, float]] = []
        theme.keep_styled(self.table, lambda _c: self._fill())      # ✗ / ✓ in the theme's colours

    def clear(self) -> None:
        """Show no result: the one shown was of another network, data set or document.

        A check still running in its thread is left to end on its own; its result is dropped
        (the thread only computes numbers and touches no widget).
        """
        self._poll.stop()
        self._thread = self._pending = None
        self.result = None
        self._loss = self.studio.session.config.loss
        self.button.setEnabled(True)
        self.busy.hide()
        self._rows = []
        self.table.setRowCount(0)
        self.summary.setText(tr("Not run yet."))

    def _on_session_config_changed(self) -> None:
        if self.studio.session.config.loss != self._loss:     # another loss has other gradients
            self.clear()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def run(self, whole_set: bool = False) -> None:
        """Start the check (returns at once when it runs in a thread; see :attr:`finished`)."""
        if self.running:
            return
        core = self.studio.session
        net = core.network.copy()
        rec = core.record
        if whole_set or rec is None:
            x, y = core.dataset.inputs, core.targets
            where = tr("the whole training set at the current parameters")
        else:
            net.set_parameters([p.copy() for p in rec.params_before])
            x, y = rec.x, rec.y
            where = tr("the batch of step {step} at its parameters before the update").format(step=rec.step)
        loss = LOSSES[core.config.loss]
        self._loss = core.config.loss
        work = net.count_parameters() * len(x)
        self.summary.setText(tr("Checking {count} parameters on {where}…").format(
            count=f"{net.count_parameters():,}", where=where))
        if work <= SYNC_WORK:
            self._show(gradient_check(net, x, y, loss), net, where)
            return
        box: dict = {}

        def target() -> None:
            with np.errstate(all="ignore"):
                try:
                    box["result"] = gradient_check(net, x, y, loss)
                except Exception as e:  # shown to the user, never lost
                    box["error"] = e
        self._pending = (box, net, where)
        self._thread = threading.Thread(target=target, daemon=True)
        self.button.setEnabled(False)
        self.busy.show()
        self._thread.start()
        self._poll.start()

    def _on_poll_timeout(self) -> None:
        if self._thread is None or self._thread.is_alive():
            return
        self._poll.stop()
        self._thread = None
        self.button.setEnabled(True)
        self.busy.hide()
        assert self._pending is not None, "set with the thread"
        box, net, where = self._pending
        if "error" in box:
            self.summary.setText(tr("The gradient check failed: {error}").format(error=box["error"]))
            self.finished.emit()
            return
        self._show(box["result"], net, where)

    def _show(self, result: GradCheck, net, where: str) -> None:
        self.result = result
        rows = []
        for p, err in enumerate(result.relative_error):
            k, is_b = p // 2, p % 2 == 1
            for idx in zip(*np.nonzero(~np.isnan(err))):
                i, j = (0, int(idx[0])) if is_b else (int(idx[0]), int(idx[1]))
                name = bias_name(k, j) if is_b else weight_name(k, i, j)
                rows.append((float(err[idx]), name, Ref("grad", k, i, j, bias=is_b),
                             float(result.analytic[p][idx]), float(result.numeric[p][idx])))
        bad = [r for r in rows if r[0] > FLAG]
        rows.sort(key=lambda r: -r[0])       # the worst first
        self._rows = rows[:MAX_ROWS]
        self._fill()
        worst = rows[0][0] if rows else 0.0
        more = tr(" (the {count} worst shown)").format(count=MAX_ROWS) if len(rows) > MAX_ROWS else ""
        verdict = (tr("{count} parameter(s) above {flag}: check those gradients") if bad
                   else tr("all within {flag}: backprop agrees with central differences")).format(
                       count=len(bad), flag=f"{FLAG:g}")
        self.summary.setText(tr("Checked {count} parameters on {where}{more}. Worst relative error {worst}; {verdict}.")
                             .format(count=f"{len(rows):,}", where=where, more=more, worst=f"{worst:.2e}",
                                     verdict=verdict))
        self.finished.emit()

    def _fill(self) -> None:
        """The rows of the last check; a gradient hidden now (``studio.hidden``) is '?' in both columns."""
        hidden = self.studio.hidden
        self.table.setRowCount(len(self._rows))
        for n, (err, name, ref, a, num) in enumerate(self._rows):
            texts = (name, hidden.text(ref, f"{a:.8g}"), hidden.text(ref, f"{num:.8g}"), f"{err:.2e}",
                     "✗" if err > FLAG else "✓")
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setForeground(QColor(theme.colors()["error" if err > FLAG else "ok"]))
                    item.setToolTip((tr("relative error above {flag}") if err > FLAG
                                     else tr("relative error at most {flag}")).format(flag=f"{FLAG:g}"))
                self.table.setItem(n, c, item)
