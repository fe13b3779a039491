"""Models: what a file means once read, as pydantic models and typed values.

The plan's three file kinds (:mod:`.plan`). Below reading and analysis alike: analysis computes
on models without knowing which file, parser or workbook they came from.
"""
