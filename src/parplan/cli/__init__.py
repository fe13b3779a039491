"""The command line: typer options, a call into :mod:`parplan.core`, and the exit code.

:mod:`.main` holds the commands and :mod:`.units` the ``units`` sub-app; :mod:`.options`
declares the options several commands share, once; :mod:`.group` builds a command only when
the command line asks for it; :mod:`.words` puts typer's own words in the reader's language.
"""
