"""``python -m parplan``."""

from parplan.cli.main import app

app(prog_name="parplan")
