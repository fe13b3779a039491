"""The HTML page's template is compiled and looked up once a process, and the pages keep their bytes.

Before, each render asked jinja2's environment for the template again: a lookup and, with
``auto_reload``, a stat of the template file every time. Now :func:`_template` is cached.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
import pytest

from office_report import document, tables
from parplan.render import html
from parplan.render.html import render_html
from parplan.vocab.document import Options

GOLDEN = Path(__file__).parent / "golden" / "office-report.html"


def _pages() -> str:
    return render_html(document(), Options(lang="vi")) + render_html(tables(), Options(lang="en"))


def test_the_pages_keep_their_bytes() -> None:
    """Written from the renderer before the template was cached."""
    text = _pages()
    if os.environ.get("PARPLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_a_second_render_neither_looks_up_nor_compiles_the_template(monkeypatch: pytest.MonkeyPatch) -> None:
    render_html(document(), Options(lang="vi"))
    asked: list[str] = []
    get_template = jinja2.Environment.get_template
    compile_ = jinja2.Environment.compile

    def counted_get(self: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
        asked.append("get_template")
        return get_template(self, *args, **kwargs)

    def counted_compile(self: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
        asked.append("compile")
        return compile_(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "get_template", counted_get)
    monkeypatch.setattr(jinja2.Environment, "compile", counted_compile)
    first = render_html(document(), Options(lang="vi"))
    assert render_html(document(), Options(lang="vi")) == first
    assert asked == []
    assert html._template() is html._template()
