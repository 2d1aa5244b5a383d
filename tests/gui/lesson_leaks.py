"""Looking for an open question's answer on screen (issue 22 §4): used by test_lesson_answers_hidden.

For a question, :func:`scan` opens its step, raises every dock and tab page in turn
(tests/gui/screen_text.py), and looks for the answer's printed forms among the number tokens of
everything on show; for a function view it also steps the view to the asked t (and t − 1), as
"Press Step" would.  The answer is computed headlessly by :func:`core.lessons.value` from the
step's state, never read from a view.

**Printed forms** and **number tokens** are the one rule of core/lessons/printed.py (the hint
rule of core/lessons/rules.py reads it too).

**Tiny and round answers.**  A form with fewer than three significant digits ("21", "0.95",
"-0.05", "0") would be found everywhere (a unit count, a layer number, a learning rate), so it
is not searched in the whole window (:func:`distinctive`); trailing zeros count ("0.7500", the
app's ``#.4g`` of 0.75, is searched).  A number the learner is shown by design may also happen
to print like the answer (lesson 5's round numbers: ∂E/∂w_11^(2) = −0.0625 is on show since
the backward pass through layer 2, and equals δ_1^(1) asked one phase later): the forms of the
lesson's earlier answers and of every value that exists one phase before the asked one
(:func:`earlier_numbers`) are not searched either.  Both gaps are closed by :func:`slot_texts`:
the places that print the asked value itself (its debugger cells, its editor label, the status
bar's loss, the function view's field) must show "?", whatever the answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from backprop_studio.core.explain import context_for, value_of
from backprop_studio.core.explain.refs import Ref, param_refs, refs_of
from backprop_studio.core.lessons import build_state, value
from backprop_studio.core.lessons.model import Lesson, Question, Value
from backprop_studio.core.lessons.printed import distinctive, numbers_in, printed_forms
from backprop_studio.core.lessons.values import ref_of
from tests.gui.screen_text import every_view, plain, visible_texts

GRAPH = ("graphCanvas", "graphRule", "graphStatus")          # the computation graph's texts


def asked(lesson: Lesson, i: int) -> list[Value]:
    """The values step i's open question hides that exist while it is open, every kind of
    question (a prediction's value after its action is not computed yet: none)."""
    q = lesson.steps[i].task
    return list(q.asked) if isinstance(q, Question) and q.then is None else []


def answer(lesson: Lesson, i: int, spec: Value | None = None) -> float:
    """The number ``spec`` (default: the question's value) names in step i's state."""
    state = build_state(lesson, i)
    return value(spec or lesson.steps[i].task.value, session=state.session, function1d=state.function1d,
                 function2d=state.function2d)


def earlier_numbers(lesson: Lesson, i: int) -> set[float]:
    """The lesson's answers before step i, and every network value that exists one phase before
    the one step i's state ends with (values computed before the asked one: shown by design)."""
    numbers = {answer(lesson, j, spec) for j in range(i) for spec in asked(lesson, j)}
    session = build_state(lesson, i).session
    if session is None or any(spec.view is not None for spec in asked(lesson, i)) or not session.back_phase():
        return numbers
    ctx = context_for(session)
    if ctx is None:
        return numbers
    refs = [r for phase in ("forward", "loss", "backward", "update") for r in refs_of(ctx, phase)]
    refs += [Ref("x", 0, u, 0, s) for s in range(ctx.batch) for u in range(ctx.network.sizes[0])]
    refs += [r for k in range(ctx.network.depth) for r in param_refs(ctx, k, "param")]
    for ref in refs:
        try:
            x = value_of(ctx, ref)
        except (IndexError, KeyError, TypeError, ValueError):
            continue
        if x is not None:
            numbers.add(x)
    return numbers


@dataclass(frozen=True)
class Leak:
    step: int          # 1-based, as the panel numbers steps
    where: str         # the widget's object name (or class)
    token: str
    text: str

    def __str__(self) -> str:
        return f"step {self.step}: {self.token!r} in {self.where}: {self.text[:90]!r}"


def _wait_for_function_views(window, qtbot) -> None:
    view = window.views["lossSurface"].function2d
    qtbot.waitUntil(lambda: all(run.path is not None for run in view.runs), timeout=30000)


def _arrangements(window, spec: Value):
    """Every dock and tab page; for a function question also with the view at the asked t and t − 1."""
    yield from every_view(window)
    if spec.view is None or spec.t is None:
        return
    surface = window.views["lossSurface"]
    if spec.view == "function1d":
        view, before = surface.function1d, surface.function1d.t
        for t in {spec.t, max(spec.t - 1, 0)}:
            view.go_to(t)
            yield from every_view(window)
        view.go_to(before)
    else:
        view = surface.function2d
        view.table.selectRow(spec.run - 1)
        before = view.step_slider.value()
        view.step_slider.setValue(spec.t)
        yield from every_view(window)
        view.step_slider.setValue(before)


def scan(window, qtbot, panel, lesson: Lesson) -> list[Leak]:
    """Every distinctive printed form of an open question's answer found on screen, per question."""
    leaks: list[Leak] = []
    for i in range(len(lesson.steps)):
        specs = asked(lesson, i)
        if not specs:
            continue
        panel.go_to(i)
        _wait_for_function_views(window, qtbot)
        excused = {f for x in earlier_numbers(lesson, i) for f in printed_forms(x)}
        needles = {f for spec in specs for f in printed_forms(answer(lesson, i, spec)) if distinctive(f)} - excused
        for spec in specs:
            for _ in _arrangements(window, spec):
                for where, text in visible_texts(window):
                    leaks += [Leak(i + 1, where, tok, text) for tok in numbers_in(text) if tok in needles]
    return sorted(set(leaks), key=str)


# -- the places that print the asked value itself ---------------------------------------------------
def slot_texts(window, qtbot, spec: Value) -> dict[str, str]:
    """What each place that prints ``spec`` shows now (the graph's node under "graph")."""
    _wait_for_function_views(window, qtbot)
    if spec.view == "function1d":
        return _function1d_slots(window, spec)
    if spec.view == "function2d":
        return _function2d_slots(window, spec)
    core = window.studio.session
    ctx = context_for(core)
    ref = ref_of(spec, ctx, ctx.network.sizes, "value")
    debugger, editor = window.views["stepDebugger"], window.views["networkEditor"].network_scene
    slots = {name: table.text_of(ref) for name, table in debugger.tables.items()}
    slots = {name: text for name, text in slots.items() if text is not None}
    line = {"v_in": "v_in", "v_out": "v_out", "delta": "δ"}.get(ref.kind)
    if line is not None:
        label = editor.unit_labels[(ref.layer, ref.i)].text().splitlines()
        slots["editor"] = " ".join(t[len(line) + 1:] for t in label if t.startswith(line + " "))
    if ref.kind in ("loss", "batch_loss"):
        slots["status bar"] = re.findall(r"loss (\S+) · η", window.position_label.text())[0]
        slots["debugger loss line"] = re.search(r"before the update: (\S+)", plain(debugger.loss.text())).group(1)
    graph = window.views["computationGraph"]
    node = _graph_node(ref)
    if node is not None and node in getattr(graph, "items", {}):
        item = graph.items[node]
        slots["graph"] = item.grad_text if ref.kind in ("delta", "grad") else item.value_text
    return slots


def _graph_node(ref: Ref) -> str | None:
    """The node of the graph that prints ``ref`` (value or gradient), by hand."""
    if ref.kind in ("v_in", "delta"):
        return f"vin{ref.layer}_{ref.i}"
    if ref.kind == "v_out":
        return f"vout{ref.layer}_{ref.i}"
    if ref.kind == "loss":
        return "E"
    if ref.kind == "grad":
        return f"b{ref.layer}_{ref.j}" if ref.bias else f"w{ref.layer}_{ref.i}_{ref.j}"
    return None


_FIELDS_1D = {"x": r"x_?t = ([^,.\s]+(?:\.\d+)?)", "f": r"f\(x_?t\) = ([^,\s]+?)[,.]?\s",
              "gradient": r"f'\(x_?t\) = ([^,.\s]+(?:\.\d+)?)"}


def _fields(found: dict[str, re.Match | None]) -> dict[str, str]:
    """The fields a view prints (one it does not print shows nothing, so hides the value)."""
    return {place: m.group(1) for place, m in found.items() if m is not None}


def _function1d_slots(window, spec: Value) -> dict[str, str]:
    view = window.views["lossSurface"].function1d
    before, found = view.t, {}
    view.go_to(spec.t)
    text = plain(view.readout.text()) + " "
    found[f"readout {spec.kind} at t = {spec.t}"] = re.search(_FIELDS_1D[spec.kind], text)
    if spec.kind == "x" and spec.t > 0:
        view.go_to(spec.t - 1)
        found[f"readout ε at t = {spec.t - 1}"] = re.search(r"ε_?t = ([^:\s]+):", plain(view.readout.text()))
    view.go_to(before)
    return _fields(found)


def _function2d_slots(window, spec: Value) -> dict[str, str]:
    view = window.views["lossSurface"].function2d
    view.table.selectRow(spec.run - 1)
    before = view.step_slider.value()
    view.step_slider.setValue(spec.t)
    text = plain(view.status.text())
    view.step_slider.setValue(before)
    pattern = {"x": r"\(x, y\) = \(([^)]*)\)", "f": r"f = ([^,\s]+)", "gradient": r"∇f = \(([^)]*)\)"}
    place = f"status {spec.kind} at t = {spec.t}"
    found = _fields({place: re.search(pattern[spec.kind], text)})
    if spec.kind != "f" and place in found:        # the coordinate asked, of a printed pair
        found[place] = found[place].split(", ")[spec.coordinate - 1]
    return found
