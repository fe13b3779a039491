"""The report model: analysis results laid out as one neutral document of tables and prose.

Which columns, labels and order each command's tables have (:mod:`.views`), the People's
Committee report (:mod:`.committee`) and findings placed for CI (:mod:`.annotate`). Nothing here
formats bytes: that is :mod:`parplan.render`'s job.
"""
