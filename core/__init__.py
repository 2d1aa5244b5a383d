"""Backprop Studio's engine: a pure-numpy feed-forward network with every intermediate recorded.

It never imports Qt; everything the app computes, a script can compute with ``core`` alone.
Notation follows the article: W^(k->k+1) has rows = units of layer k, v_in, v_out, delta, eta.
"""
from __future__ import annotations

from backprop_studio.core.engine.activations import ACTIVATIONS, Activation
from backprop_studio.core.engine.backprop import BackwardRecord, backward
from backprop_studio.core.engine.forward import ForwardRecord, batch_loss, forward, predict, sample_losses
from backprop_studio.core.engine.gradcheck import GradCheck, gradient_check
from backprop_studio.core.engine.initializers import SCHEMES, initialise
from backprop_studio.core.engine.losses import LOSSES, Loss, as_targets
from backprop_studio.core.engine.network import Layer, Network, build
from backprop_studio.core.engine.optimizers import OPTIMIZERS, Optimizer, apply_updates
from backprop_studio.core.files.version import version as _installed_version

__version__ = _installed_version()   # pyproject.toml's, through the installed metadata (core/files/version.py)

__all__ = [
    "ACTIVATIONS", "Activation", "BackwardRecord", "backward", "ForwardRecord", "batch_loss",
    "forward", "predict", "sample_losses", "GradCheck", "gradient_check", "SCHEMES", "initialise",
    "LOSSES", "Loss", "as_targets", "Layer", "Network", "build", "OPTIMIZERS", "Optimizer",
    "apply_updates", "__version__",
]
