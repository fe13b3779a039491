"""Vocabulary: the words every layer speaks and none of them owns.

Problems and their rule codes (:mod:`.problems`), the neutral output document every command builds
and every renderer reads (:mod:`.document`). Imports nothing else of parplan, so any layer may use it.
"""
