"""Project files: the versioned JSON format, read strictly (every error names its JSON path) and
written atomically; never pickle."""
