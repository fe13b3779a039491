"""Reading: bytes of a file to validated models, every problem placed at its line and column.

YAML with positions and caps (:mod:`.yamlread`), pydantic errors in plain words
(:mod:`.validation`), short results (:mod:`.shortresults`), one file loaded (:mod:`.loading`), the
JSON Schema (:mod:`.schema`) and the plan workbook read back (:mod:`.workbook`).
"""
