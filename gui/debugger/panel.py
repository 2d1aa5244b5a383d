"""The step debugger: every value of the training step, and the formula behind any of them.

Top: where training stands (epoch, step, samples, phase) and the loss before and after.
Middle: tables of the units (v_in, v_out, f'(v_in), δ), the parameters (before, ∂E/∂,
Δ, after, optimizer state), the same values as the article's vectors and matrices, and
the loss; values the last phase changed are bold and tinted.  Bottom: "Why this number?" for
the selected cell, whose terms are links to the cells they were computed in.  Gradient check,
worked-example export and exercise mode sit in the toolbar row.

Updates are cheap: the tables are laid out once per structure and then only item texts
change; while training runs the panel redraws at most 10 times a second, and not at all
while hidden.
"""
from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backprop_studio.core.explain import Context, Ref, context_for, explain, loss_after, value_of
from backprop_studio.core.explain.context import preview_record
from backprop_studio.core.explain.notation import Explanation, Term
from backprop_studio.core.explain.phases import is_new
from backprop_studio.core.lessons.hiding import SHOWN_INSTEAD
from backprop_studio.core.training.position import DONE, IN_PROGRESS, position_of
from backprop_studio.core.training.records import phase_text
from backprop_studio.core.training.session import StepRecord
from backprop_studio.gui import theme
from backprop_studio.gui.compact import FlowLayout
from backprop_studio.gui.language import QT_TR_NOOP, tr
from backprop_studio.gui.shared_sample import SampleChooser
from backprop_studio.gui.studio import VIEW_LINK
from backprop_studio.gui.throttle import Throttle

from .exercise import ABS_TOL, REL_TOL, Exercise
from .export import export_worked_example, export_worked_example_dialog
from .gradcheck import GradientCheckView
from .layouts import loss_layout, params_layout, sample_page, state_keys, units_layout
from .matrices import MatricesView
from .samples import mark_sample, sample_of
from .tables import RefTable

if TYPE_CHECKING:
    from backprop_studio.core.explain.fine_cursor import Reveal

    from ..studio import StudioSession

# translated where shown, filled with the link: tr(SEE_IN_GRAPH).format(link=GRAPH_LINK) (str():
# PySide6's stub types QT_TR_NOOP as returning object; it returns its text)
SEE_IN_GRAPH = str(QT_TR_NOOP('<p><a href="{link}">See this value in the Computation Graph</a>: '
                              "its node, the local rule and the chain rule, one scalar at a time.</p>"))
GRAPH_LINK = f"{VIEW_LINK}computationGraph"
REDRAW_MS = 100   # at most 10 redraws a second while training runs


class StepDebugger(QWidget):
    def __init__(self, studio: StudioSession) -> None:
        super().__init__()
        self.setObjectName("stepDebugger")
        self.studio = studio
        self.ctx: Context | None = None
        self.exercise = Exercise()
        self._selected: Ref | None = None
        self._fine: Reveal | None = None     # fine stepping's Reveal of the phase on show (studio.fine)
        self._dirty = True
        self._loss_after: float | None = None
        self._loss_after_of: StepRecord | None = None
        self._layout_key: object = None
        self._build()
        # while running, a slow redraw (a big network) gets proportionally more time between redraws;
        # an edit emits network_changed (or config_changed, ...) and then step_taken: one redraw
        # for all of them, at step_taken or, for a lone signal, on the next turn of the event loop
        self._throttle = Throttle(REDRAW_MS / 1000, lambda: self._refresh(), self, cost_factor=4.0,
                                  running=lambda: studio.running)
        s = studio
        s.step_taken.connect(self._on_session_step_taken)
        for signal in (s.network_changed, s.config_changed, s.dataset_changed, s.document_changed):
            signal.connect(self._on_session_changed)
        s.run_state_changed.connect(self._on_session_run_state_changed)
        s.diverged.connect(self._on_session_diverged)
        s.value_selected.connect(self._on_session_value_selected)
        s.fine.changed.connect(self._on_session_step_taken)   # fine stepping: one unit more (or less) on show
        s.hidden.changed.connect(self._on_studio_hidden_changed)
        s.sample.changed.connect(self._on_studio_sample_changed)
        theme.signals.changed.connect(self._show_selected)   # link colours are fixed when the HTML is set
        self.refresh()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.position = QLabel()
        self.position.setObjectName("debuggerPosition")
        self.position.setWordWrap(True)
        self.position.setToolTip(tr("Where training stands: epoch, training step, the samples of the batch, the phase"))
        self.loss = QLabel()
        self.loss.setObjectName("debuggerLoss")
        self.loss.setWordWrap(True)      # a narrow debugger wraps the line instead of cutting it
        self.loss.setToolTip(tr("The batch loss before the step's update and after it (same batch)"))
        self.divergence = QLabel()
        self.divergence.setObjectName("debuggerDivergence")
        self.divergence.setWordWrap(True)
        theme.keep_styled(self.divergence, lambda c: self.divergence.setStyleSheet(
            f"QLabel{{background:{c['alert_background']};color:{c['alert_text']};"
            f"border:1px solid {c['alert_border']};padding:6px;border-radius:3px}}"))
        self.divergence.setToolTip(tr("Training stopped: a value became infinite or not a number"))
        self.divergence.hide()

        self.units = RefTable("unitsTable", tr("Each unit's v_in, v_out, f'(v_in) and δ; "
                                               "select a value to see its formula. Ctrl+C copies (TSV); "
                                               "right-click for CSV"))
        self.params = RefTable("paramsTable", tr("Each weight and bias: before, ∂E/∂, the update Δ, after, "
                                                 "and the optimizer state. Ctrl+C copies (TSV); right-click for CSV"))
        self.losses = RefTable("lossTable", tr("The loss of each sample, the batch mean, and the loss after "
                                               "the update"))
        self.tables: dict[str, RefTable | MatricesView] = {"units": self.units, "params": self.params,
                                                           "loss": self.losses}
        for shown in (self.units, self.params, self.losses):
            shown.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.matrices = MatricesView()
        self.matrices.ref_selected.connect(self._on_ref_chosen)
        self.tables["matrices"] = self.matrices      # drawn, searched and revealed like a table
        self.gradcheck = GradientCheckView(self.studio)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("debuggerTabs")
        self.tabs.addTab(self.units, tr("Units"))
        self.tabs.addTab(self.params, tr("Weights && biases"))
        self.tabs.addTab(self.matrices, tr("Matrices"))
        self.tabs.addTab(self.losses, tr("Loss"))
        self.tabs.addTab(self.gradcheck, tr("Gradient check", "debugger tab"))   # a shorter Spanish than the button's
        for n, tip in enumerate((tr("v_in, v_out, f′ and δ of every unit"), tr("W, b, their gradients and updates"),
                                 tr("The article's picture: x, v_in, v_out, δ as vectors; W^(k→k+1), ∂E/∂W, ΔW "
                                    "as matrices"), tr("The loss before and after the update"),
                                 tr("Backprop against central differences"))):
            self.tabs.setTabToolTip(n, tip)
        self._stale: set = set()
        self._unlaid: dict = {}          # table -> its layout function, for a structure not laid out yet
        for table in self.tables.values():
            table.before_read = partial(self._refresh_table, table)
        self.tabs.currentChanged.connect(self._refresh_current_table)

        self.explanation = QTextBrowser()
        self.explanation.setObjectName("debuggerExplanation")
        self.explanation.setOpenLinks(False)
        self.explanation.setToolTip(tr("Why this number? The formula in the article's notation and with the "
                                       "numbers. Click a term to jump to where it was computed"))
        self.explanation.anchorClicked.connect(self._on_explanation_anchor_clicked)

        self.check_button = QPushButton(tr("Gradient check"))
        self.check_button.setToolTip(tr("Compare backprop with central differences for every parameter (Ctrl+G)"))
        self.check_button.clicked.connect(self.run_gradient_check)
        self.export_button = QPushButton(tr("Export worked example…"))
        self.export_button.setToolTip(tr("Save this training step as a worked example: Markdown + LaTeX or HTML"))
        self.export_button.clicked.connect(lambda: export_worked_example_dialog(self, self.studio))
        self.exercise_box = QCheckBox(tr("Exercise mode"))
        self.exercise_box.setObjectName("exerciseMode")
        self.exercise_box.setToolTip(tr("Hide the values each phase computes; type what you expect, then check"))
        self.exercise_box.toggled.connect(self.set_exercise_mode)
        buttons = QWidget()              # a row that wraps in a narrow dock or at a large text size
        FlowLayout(buttons).add_widgets(self.check_button, self.export_button, self.exercise_box)

        self.answer = QLineEdit()
        self.answer.setObjectName("exerciseAnswer")
        self.answer.setPlaceholderText(tr("select a ? cell, type your value"))
        self.answer.setToolTip(tr("Your value for the selected hidden cell; right within {relative} of the "
                                  "true value (three significant digits), or ±{absolute} of a value near 0").format(
                                      relative=f"{REL_TOL:.1%}", absolute=f"{ABS_TOL:g}"))
        self.answer.returnPressed.connect(self.check_answer)
        self.answer_button = QPushButton(tr("Check"))
        self.answer_button.setObjectName("exerciseCheck")
        self.answer_button.setToolTip(tr("Check your answer for the selected cell"))
        self.answer_button.clicked.connect(self.check_answer)
        self.reveal_button = QPushButton(tr("Reveal all"))
        self.reveal_button.setToolTip(tr("Show every hidden value of this phase (not scored)"))
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        self.score = QLabel(self.exercise.score)
        self.score.setObjectName("exerciseScore")
        self.score.setToolTip(tr("Right answers / answers checked in this session"))
        self.feedback = QLabel()
        self.feedback.setObjectName("exerciseFeedback")
        self.feedback.setWordWrap(True)
        self.answer.setMinimumWidth(self.answer.fontMetrics().horizontalAdvance("-0.0000000") + 16)
        self.exercise_bar = QWidget()
        rows = QVBoxLayout(self.exercise_bar)
        rows.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for widget in (self.answer, self.answer_button, self.reveal_button, self.score):
            bar.addWidget(widget)
        bar.addStretch(1)
        rows.addLayout(bar)
        rows.addWidget(self.feedback)   # a narrow dock would cut it off beside the buttons
        self.exercise_bar.hide()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(self.explanation)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.sample_box = SampleChooser(self.studio.sample, "debuggerSample")
        where = QHBoxLayout()                # the position, and beside it which sample is marked
        where.addWidget(self.position, 1)
        where.addWidget(self.sample_box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(where)
        layout.addWidget(self.loss)
        layout.addWidget(self.divergence)
        layout.addWidget(buttons)
        layout.addWidget(self.exercise_bar)
        layout.addWidget(split, 1)
        self.explanation.setHtml(tr("<p><i>Select a value in a table to see the formula behind it.</i></p>"))

    # -- updating ----------------------------------------------------------------------------
    def _on_session_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._throttle.later()

    def _on_session_step_taken(self) -> None:
        self._dirty = True
        if not self.isVisible():
            self._throttle.cancel()
            return                      # redrawn when shown
        self._throttle.request(self.studio.running)

    def _on_session_run_state_changed(self, running: bool) -> None:
        if not running and self._dirty and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the session (tables by item text; layouts only when the structure changed)."""
        self._throttle.now()

    def _refresh(self) -> None:
        self._dirty = False
        core = self.studio.session
        ctx = context_for(core)
        preview = ctx is None
        if preview:
            ctx = context_for(core, preview_record(core))
        assert ctx is not None, "a preview record always gives a context"
        self.ctx = ctx
        self._fine = None if preview else self.studio.fine.reveal()   # None: the phase on show is whole
        rec = ctx.record
        if rec.params_after is None:
            self._loss_after = None
        elif self._loss_after_of is not rec:      # one forward pass per step, not per redraw
            self._loss_after, self._loss_after_of = loss_after(ctx), rec
        pending = core.pending
        phase = None if preview else (pending.current_phase if pending is rec and pending is not None
                                      else rec.phases[-1])
        self._new_phase = phase
        self.exercise.moved_to((rec.step, rec.phases_done, id(core)))
        self._stale = set(self.tables.values())
        net = ctx.network
        sample = self.studio.sample.within(ctx.batch)      # the current sample (gui/shared_sample.py)
        self.sample_box.set_batch(ctx.batch)
        key = (tuple(net.sizes), tuple(l.bias for l in net.layers), tuple(l.activation for l in net.layers),
               ctx.batch, tuple(state_keys(ctx)), sample_page(ctx.batch, sample)[0])
        if key != self._layout_key:     # building the rows costs more than filling them
            self._layout_key = key      # (so each table is laid out when it is next drawn or read)
            self._unlaid = {table: (lambda c, layout=layout: layout(c, sample)) for table, layout in
                            ((self.units, units_layout), (self.params, params_layout), (self.losses, loss_layout))}
        self.matrices.set_layout(ctx)   # its own key (removed connections too); built when first shown
        self._refresh_current_table()
        self._show_position(core, rec)
        self._show_divergence(core)
        self._show_selected()

    def _refresh_current_table(self, *_args) -> None:
        """Only the table on show is redrawn; the others when their tab is chosen."""
        self._refresh_table(self.tabs.currentWidget())

    def _lay_out(self, *tables) -> None:
        for table in tables or list(self._unlaid):
            layout = self._unlaid.pop(table, None)
            if layout is not None:
                table.blockSignals(True)         # a cell made current by the new layout is not a choice
                table.set_layout(*layout(self.ctx))
                table.blockSignals(False)

    def _refresh_table(self, table) -> None:
        if self._dirty and not self.studio.running:
            self._refresh()              # the session moved while the panel was hidden
        self._lay_out(table)
        if table in self._stale:
            self._stale.discard(table)
            table.refresh(self._value, self._is_new, self._hides)
            if isinstance(table, RefTable) and self.ctx is not None:
                mark_sample(table, self.studio.sample.within(self.ctx.batch), self.ctx.batch,
                            scroll=table is self.units)

    def _on_studio_sample_changed(self, _sample: int) -> None:
        """Another sample is the current one: its page of columns, marked (the editor and the
        graph follow the same signal)."""
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _value(self, ref: Ref) -> float | None:
        if self._fine is not None and self._fine.hides(ref):
            return None                  # fine stepping has not revealed it yet: not computed yet
        if ref.kind == "loss_after":
            return self._loss_after
        if self.ctx is None:
            return None
        try:
            return value_of(self.ctx, ref)
        except (IndexError, KeyError, TypeError):
            return None

    def _is_new(self, ref: Ref) -> bool:
        """Computed by the phase done last (core.explain.phases: the rule the graph reads too); in
        fine stepping, what the phase's ticks have revealed so far."""
        if self._fine is not None:
            return self._fine.shown(ref)
        return is_new(ref, self._new_phase)

    def _hides(self, ref: Ref) -> bool:
        """A lesson's question hides it (``studio.hidden``), or this panel's exercise mode does
        (the values the last phase computed, until each is answered or revealed)."""
        if self.studio.hidden.hides(ref, exercise_here=True):
            return self._value(ref) is not None
        return self.exercise.hides(ref, self._is_new(ref)) and self._value(ref) is not None

    def _shown(self, ref: Ref, value: float) -> str:
        return SHOWN_INSTEAD if self._hides(ref) else f"{value:.6g}"

    def _on_studio_hidden_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _show_position(self, core, rec) -> None:
        samples = ", ".join(str(int(s)) for s in rec.samples[:12]) + (" …" if len(rec.samples) > 12 else "")
        at = position_of(core)          # named as every view names it (core/training/position.py)
        nxt = tr("; next: {phase}").format(phase=phase_text(at.next_phase, tr)) if at.next_phase else ""
        if at.state == IN_PROGRESS:
            where = tr("{phase} done").format(phase=phase_text(at.last_phase or "", tr)) + nxt
        elif at.state == DONE:
            where = tr("update applied")
        else:
            where = tr("no phase done yet") + nxt
        fine = self._fine
        if fine is not None:
            where += tr(" · fine step {n} of {count} of the {phase}").format(
                n=fine.index + 1, count=fine.count, phase=phase_text(str(fine.phase), tr))
        line = (tr("<b>Epoch {epoch}</b> · <b>step {step}</b> ({state}) · sample {samples} · phase: {where}")
                if len(rec.samples) == 1 else
                tr("<b>Epoch {epoch}</b> · <b>step {step}</b> ({state}) · samples {samples} · phase: {where}"))
        self.position.setText(line.format(epoch=at.epoch, step=at.step, state=tr(at.state), samples=samples,
                                          where=where))
        before = rec.loss
        # the batch loss: for one sample, the Loss tab's cell E (so revealing that cell shows it here)
        key = Ref("loss") if len(rec.samples) == 1 else Ref("batch_loss")
        if before is None:
            self.loss.setText(tr("Loss: not computed yet in this step"))
        elif (loss_after := self._value(Ref("loss_after"))) is None:
            self.loss.setText(tr("Loss before the update: <b>{before}</b> · after: not updated yet").format(
                before=self._shown(key, before)))
        else:
            after = self._shown(Ref("loss_after"), loss_after)
            both = SHOWN_INSTEAD not in (after, self._shown(key, before))
            change = f" ({loss_after - before:+.3g})" if both else ""
            self.loss.setText(tr("Loss before the update: <b>{before}</b> · after (same batch): "
                                 "<b>{after}</b>{change}").format(before=self._shown(key, before), after=after,
                                                                  change=change))
        if before is not None and core.config.regularisation.active:
            extra = rec.loss_regularisation
            total = SHOWN_INSTEAD if self._hides(key) else f"{before + extra:.6g}"
            self.loss.setText(self.loss.text() + tr(
                "<br>E = E<sub>data</sub> + λ₁Σ|w| + ½λ₂Σw² = {data} + {penalty} = <b>{total}</b> "
                "(biases are not regularised)").format(data=self._shown(key, before), penalty=f"{extra:.6g}",
                                                       total=total))

    def _show_divergence(self, core) -> None:
        d = core.diverged
        if d is None:
            self.divergence.hide()
            return
        where = tr(" in layer {layer}").format(layer=d.layer) if d.layer is not None else ""
        self.divergence.setText(tr(
            "<b>Training diverged at step {step}.</b> The first non-finite value: {quantity}{where}, "
            "during {phase}. The tables show the last finite state (the update was not applied).<br>"
            "<b>What to try:</b> lower the learning rate (now η = {eta}; try {smaller}), "
            "use an optimizer that adapts the step (Adam), or reset training (Ctrl+R).").format(
                step=d.step, quantity=d.quantity, where=where, phase=d.phase,
                eta=f"{core.learning_rate:.3g}", smaller=f"{core.learning_rate / 10:.3g}"))
        self.divergence.show()

    def _on_session_diverged(self, _message: str) -> None:
        self.refresh()

    # -- "Why this number?" ------------------------------------------------------------------
    def _on_table_current_cell_changed(self, row: int, column: int, *_prev) -> None:
        table = self.sender()
        ref = table.ref_at(row, column) if isinstance(table, RefTable) else None
        if ref is not None:
            self._on_ref_chosen(ref)

    def _on_ref_chosen(self, ref: Ref) -> None:
        if self.ctx is not None and self.ctx.batch > 1 and (s := sample_of(ref)) is not None:
            self.studio.sample.set(s)    # choosing a sample's value chooses the sample
        self._selected = ref
        self.feedback.clear()
        self._show_selected()

    def _show_selected(self) -> None:
        ref = self._selected
        if ref is None or self.ctx is None:
            return
        if self.studio.hidden.hides(ref, exercise_here=True):
            self.explanation.setHtml(tr("<p><b>Your turn:</b> this value is hidden while the lesson's question is "
                                        "open. Work it out and type it in the Lessons panel.</p>"))
            return
        if self._hides(ref):
            self.explanation.setHtml(tr("<p><b>Exercise:</b> this value is hidden. Type what you expect "
                                        "it to be and press Check.</p>"))
            return
        self.explanation.setHtml(self.explanation_html(ref) + tr(SEE_IN_GRAPH).format(link=GRAPH_LINK))

    def explanation_html(self, ref: Ref) -> str:
        """Why this number: the formula, and the same formula with the numbers substituted; only
        the formula while a lesson's question hides one of its numbers (it would give it away)."""
        if self.ctx is None:
            return ""
        try:
            explanation = explain(self.ctx, ref)
        except ValueError as e:
            return f"<p><i>{e}.</i></p>"
        # (exercise mode reveals a value with its formula and numbers: only a lesson's secrets count)
        if not any(self.studio.hidden.hides(r, exercise_here=True) for r in _uses(explanation)):
            return explanation.html()
        rows = [f"<p><b>{html.escape(explanation.title)}</b></p>"]
        rows += [f"<p>{lhs} = {formula}</p>" for lhs, formula, _n, _r in
                 (step.parts("html", link=True) for step in explanation.steps)]
        rows.append(tr("<p><i>The numbers are left out: they include a value that is hidden now "
                       "({hidden}).</i></p>").format(hidden=SHOWN_INSTEAD))
        return "\n".join(rows)

    def explanation_text(self, ref: Ref) -> str:
        """The plain-text explanation of ``ref`` (what the pane shows, without markup)."""
        if self.ctx is None:
            raise ValueError("there is no step to explain yet")
        return explain(self.ctx, ref).text()

    def select(self, ref: Ref) -> bool:
        """Select the cell showing ``ref``: in the tab on show when it shows it, else switching
        tabs; False when no table shows it."""
        if ref.kind == "fprime" or ref.kind in ("v_in", "v_out", "delta", "x", "y", "delta_mean"):
            order = [self.units]
        elif ref.kind in ("loss", "batch_loss", "loss_after"):
            order = [self.losses]
        else:
            order = [self.params]
        if (s := sample_of(ref)) is not None and self.ctx is not None and self.ctx.batch > 1:
            self.studio.sample.set(s)    # its page of columns
            if self._dirty:
                self._refresh()
        self._lay_out()
        current = [t for t in self.tables.values() if t is self.tabs.currentWidget()]
        for table in current + order + [t for t in self.tables.values() if t not in order]:
            if table.cell_of(ref) is not None:
                self.tabs.setCurrentWidget(table)
                table.select_ref(ref)
                self._selected = ref
                self._show_selected()
                return True
        return False

    def _on_explanation_anchor_clicked(self, url: QUrl) -> None:
        if self.studio.follow_view_link(url.toString()):
            if url.toString() == GRAPH_LINK and self._selected is not None:
                self.studio.graph_node_requested.emit(self._selected)   # the graph shows this value
            return
        ref = Ref.from_url(url.toString())
        if ref is not None:
            if ref.kind == "v_out" and ref.layer == 0:
                ref = Ref("x", 0, ref.i, 0, ref.sample)
            self.select(ref)
            self.studio.graph_node_requested.emit(ref)   # the computation graph opens the same value

    def _on_session_value_selected(self, ref: Ref) -> None:
        self.select(ref)

    # -- exercise mode -----------------------------------------------------------------------
    def set_exercise_mode(self, on: bool, answer_here: bool = True) -> None:
        """Hide the values the last phase computed (in every view).  ``answer_here``: show the
        answer bar; a lesson's question hides the values but is answered in the Lessons panel."""
        self.studio.set_exercise_mode(on)   # other views hide their values too
        self.exercise.enabled = on
        if self.exercise_box.isChecked() != on:
            self.exercise_box.setChecked(on)       # (calls this again, with the bar)
        self.exercise_bar.setVisible(on and answer_here)
        self.refresh()

    def check_answer(self) -> bool | None:
        """Check the typed answer for the selected hidden cell; None when there is nothing to check."""
        ref = self._selected
        if ref is None or not self._hides(ref):
            self.feedback.setText(tr("Select a hidden (?) cell first."))
            return None
        value = self._value(ref)
        if value is None:
            self.feedback.setText(tr("This value is not computed yet."))
            return None
        try:
            ok = self.exercise.answer(ref, self.answer.text(), value)
        except ValueError as e:
            self.feedback.setText(str(e))
            return None
        self.score.setText(self.exercise.score)
        retry = not ok and self.exercise.tries_left(ref) > 0
        if ok:
            self.feedback.setText(tr("✓ Right!"))
        elif retry:
            self.feedback.setText(tr("✗ Not quite: try once more"))
        else:
            self.feedback.setText(tr("✗ Not quite: the value is {value}").format(value=f"{value:.6g}"))
        tone = "ok" if ok else "warning" if retry else "error"
        theme.keep_styled(self.feedback, lambda c: self.feedback.setStyleSheet(f"color:{c[tone]}"))
        self.answer.clear()
        self.refresh()
        if not ok and not retry:
            self.explanation.setHtml(tr("<p><b>Here is how it is computed:</b></p>") + self.explanation_html(ref))
        return ok

    def _on_reveal_clicked(self) -> None:
        self._lay_out()
        for table in self.tables.values():
            for ref in table.refs():
                if self._is_new(ref):
                    self.exercise.revealed.add(ref)
        self.refresh()

    # -- tools -------------------------------------------------------------------------------
    def run_gradient_check(self, whole_set: bool = False) -> None:
        """Check backprop against central differences (wired to actionGradientCheck)."""
        self.tabs.setCurrentWidget(self.gradcheck)
        self.gradcheck.run(whole_set)

    def export_worked_example(self, path) -> object:
        """Write the current step as a worked example to ``path`` (.md or .html)."""
        return export_worked_example(self.studio, path)

    def export_worked_example_dialog(self) -> object:
        return export_worked_example_dialog(self, self.studio)


def _uses(explanation: Explanation) -> list[Ref]:
    """Every value an explanation prints: its left-hand sides and its terms."""
    refs = []
    for step in explanation.steps:
        refs += [t.ref for t in [step.lhs, *step.tokens] if isinstance(t, Term) and t.ref is not None]
    return refs
