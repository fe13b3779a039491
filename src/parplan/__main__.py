"""``python -m parplan``."""

from parplan.cli import app

app(prog_name="parplan")
