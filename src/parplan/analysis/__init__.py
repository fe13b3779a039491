"""Analysis: pure arithmetic on models, with no I/O, no typer, rich or pandas, and no global state.

Gaps, rankings and checks (:mod:`.gaps`), the plan's consistency rules (:mod:`.rules`), index
targets year over year (:mod:`.headline`) and progress arithmetic (:mod:`.progress`).
"""
