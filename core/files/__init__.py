"""Project files: the versioned JSON format, read strictly (every error names its JSON path) and
written atomically; never pickle.  And what is installed with the app: its shipped files
(:mod:`.resources`) and its version (:mod:`.version`)."""
