"""Training: the stepper (phase, step, epoch, run), its records, the timeline that steps back
exactly, the bounded history of snapshots, the per-step training log and the metrics."""
