"""The parts of the document an edit replaces, each an object: ``get``, ``set`` and its signal.

The document is the core session's network, parameter values, training configuration, the
way Re-initialise draws weights, and the dataset.  An undo command (:mod:`gui.commands`) holds
a :class:`DocumentPart` and calls only ``get`` and ``set``; it never sees the studio.  ``set``
installs the value in the session the studio shows *now* (a document set aside for a lesson
keeps its own session) and emits the studio's signals, so the views follow:

=================  ======================================  =========================================
part               installs                                the studio's signals, in order
=================  ======================================  =========================================
network            ``Session.set_network``                 network, params, step_taken
params             ``Session.set_parameters``              params, step_taken
config             ``Session.set_config``                  config, step_taken
init               ``Session.init`` (Re-initialise's rule) config
dataset            ``Session.set_dataset``                 dataset, params, step_taken
fitted_dataset     ``Session.set_dataset_and_network``     network, config, dataset, params, step_taken
=================  ======================================  =========================================

A part's ``changed`` is the first of its signals (``dataset_changed`` for ``fitted_dataset``).
``fitted_dataset`` is (dataset, network, config) replaced together, when the data change the
network's input or output width or the loss (:meth:`gui.studio.StudioSession.edit_dataset_adapting`).

A run goes on through a change of the configuration (eta, the optimizer, the batch size, the
schedule, ...) or of the initialisation rule: the engine takes it between two steps, so it
applies from the next step.  Any other part stops the run first (it resets training).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from backprop_studio.core.training.session import Session


class Shows(Protocol):
    """What a part needs of the studio (:class:`gui.studio.StudioSession`): the session it shows,
    stopping a run, and its signals (network_changed, ..., read by name)."""

    session: Session

    def stop(self) -> None: ...


@dataclass(frozen=True)
class _Rule:
    get: Callable[[Session], Any]
    set: Callable[[Session, Any], None]
    signals: tuple[str, ...]        # the studio's signals, in the order they are emitted
    stops_run: bool = True


def _set_init(core: Session, value: Any) -> None:
    core.init = value


RULES: dict[str, _Rule] = {
    "network": _Rule(lambda c: c.network, lambda c, v: c.set_network(v),
                     ("network_changed", "params_changed", "step_taken")),
    "params": _Rule(lambda c: c.network.parameters(), lambda c, v: c.set_parameters(v),
                    ("params_changed", "step_taken")),
    "config": _Rule(lambda c: c.config, lambda c, v: c.set_config(v), ("config_changed", "step_taken"),
                    stops_run=False),
    "init": _Rule(lambda c: c.init, _set_init, ("config_changed",), stops_run=False),
    "dataset": _Rule(lambda c: c.dataset, lambda c, v: c.set_dataset(v),
                     ("dataset_changed", "params_changed", "step_taken")),
    "fitted_dataset": _Rule(lambda c: (c.dataset, c.network, c.config),
                            lambda c, v: c.set_dataset_and_network(*v),
                            ("network_changed", "config_changed", "dataset_changed", "params_changed",
                             "step_taken")),
}
PARTS = tuple(RULES)


class DocumentPart:
    """One part of the document shown by ``studio``: what :mod:`gui.commands` reads and replaces."""

    def __init__(self, studio: Shows, name: str) -> None:
        if name not in RULES:
            raise ValueError(f"unknown document part {name!r}")
        self.name = name
        self._studio, self._rule = studio, RULES[name]

    def get(self) -> Any:
        """The part as the session holds it now (not a copy: do not change it)."""
        return self._rule.get(self._studio.session)

    def set(self, value: Any) -> None:
        """Install ``value`` (the session keeps it: pass a copy of your own) and tell the views."""
        if self._rule.stops_run:
            self._studio.stop()
        self._rule.set(self._studio.session, value)
        for signal in self._rule.signals:
            getattr(self._studio, signal).emit()

    @property
    def changed(self) -> SignalInstance:
        """The studio's signal that says this part changed (network_changed for the network, ...)."""
        name = "dataset_changed" if self.name == "fitted_dataset" else self._rule.signals[0]
        return getattr(self._studio, name)


def document_parts(studio: Shows) -> dict[str, DocumentPart]:
    """Every part of the document ``studio`` shows, by name."""
    return {name: DocumentPart(studio, name) for name in RULES}
