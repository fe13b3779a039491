"""``python -m parplan``: the same entry point as the ``parplan`` command."""

from parplan.entry import main

main()
