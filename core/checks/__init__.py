"""What every layer checks input with: :class:`~core.checks.errors.InputError`, strict readers that
name the JSON path, the size limits, numbers typed as text and memory estimates."""
