"""The network and its maths: layers and weights, activations and losses (each derivative beside
its function), the forward pass and backpropagation, optimizers and learning-rate schedules,
initialisers and the gradient check.  Depends only on :mod:`core.checks`."""
