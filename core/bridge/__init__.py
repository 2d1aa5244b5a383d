"""The bridge to PyTorch: a project as a runnable PyTorch script, and trained weights back.

:mod:`core.bridge.torch_script` writes the script (it never imports torch);
:mod:`core.bridge.torch_weights` reads a ``state_dict`` (it imports torch when called);
:mod:`core.bridge.parity` compares what the script computed with what the engine computes.
"""
