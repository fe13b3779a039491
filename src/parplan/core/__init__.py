"""The core: the one ``Plan`` object and its operations, under both the CLI and notebooks.

A command calls what a notebook user calls and gets the same bytes: loading and cross-checking
(:mod:`.api`), choosing and writing the output (:mod:`.output`), a new plan's files
(:mod:`.scaffold`) and models written back as YAML (:mod:`.dumping`).
"""
