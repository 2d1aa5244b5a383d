"""The computation-graph view: the network's computation for one sample as scalar nodes
(:mod:`core.explain.graph`), drawn left to right (or top to bottom in a tall dock)."""
