"""The command line: typer options, a call into :mod:`parplan.core`, and the exit code.

:mod:`.main` holds the commands; :mod:`.words` puts typer's own words in the reader's language.
"""
