"""typer's own words in Vietnamese: "Usage:", "Options:", "Error: Invalid value for …".

The help and the usage errors are written by the copy of click that typer carries, in
English and with no translation hook. parplan's users read Vietnamese, so the command line
installs :func:`install` before typer builds anything: the help text, the usage line and
each usage error pass through :func:`translate`, which replaces typer's phrases (found by
pattern, since help is wrapped to the terminal's width) and leaves everything else as it is.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable
from typing import Any

PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?m)^Usage: ", "Cách dùng: "),
    (r"(?m)^(\s*)Options:$", r"\1Tùy chọn:"),
    (r"(?m)^(\s*)Commands:$", r"\1Lệnh:"),
    (r"(?m)^(\s*)Arguments:$", r"\1Tham số:"),
    (r"Show\s+this\s+message\s+and\s+exit\.", "Hiển thị hướng dẫn này rồi thoát."),
    (
        r"Install\s+completion\s+for\s+the\s+current\s+shell\.",
        "Cài đặt tự hoàn thành lệnh cho shell đang dùng.",
    ),
    (
        r"Show\s+completion\s+for\s+the\s+current\s+shell,\s+to\s+copy\s+it\s+or\s+customize\s+the\s+installation\.",
        "Hiển thị đoạn tự hoàn thành lệnh của shell đang dùng, để sao chép hoặc tự cài đặt.",
    ),
    (r"\[env(\s+)var:(\s)", r"[biến\1môi trường:\2"),
    (r"\[default:(\s)", r"[mặc định:\1"),
    (r";(\s+)default:(\s)", r";\1mặc định:\2"),
    (r"\[required\]", "[bắt buộc]"),
    (r"Try\s+'([^']+)'\s+for\s+help\.", r"Xem '\1' để được hướng dẫn."),
    (r"(?m)^Error: ", "Lỗi: "),
    (r"Invalid value for ([^:]+): ", r"Giá trị không hợp lệ cho \1: "),
    (r"No such option: (\S+)", r"Không có tùy chọn: \1"),
    (r"No such command '([^']+)'\.", r"Không có lệnh '\1'."),
    (r"\(Possible options: ", "(Các tùy chọn có thể: "),
    (r"Did you mean ([^?]+)\?", r"Có phải là \1?"),
    (r"Missing option '([^']+)'\.", r"Thiếu tùy chọn '\1'."),
    (r"Missing argument '([^']+)'\.", r"Thiếu tham số '\1'."),
    (r"Missing command\.", "Thiếu lệnh."),
    (r"Got unexpected extra arguments? \(([^)]*)\)", r"Có tham số thừa (\1)"),
    (r"Option '([^']+)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị."),
    (r"'([^']*)' is not one of (.+?)\.", r"'\1' không thuộc các giá trị \2."),
    (r"'([^']*)' is not a valid integer( range)?\.", r"'\1' không phải một số nguyên hợp lệ."),
    (r"(\S+) is not in the range (\S+)\.", r"\1 không nằm trong khoảng \2."),
)
"""typer's phrases and their Vietnamese, in the words of a provincial office."""

_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in PHRASES)


def translate(text: str) -> str:
    """The text with typer's English phrases in Vietnamese; anything else is left as it is."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text


def _translated(method: Callable[..., str], lang: Callable[[], str]) -> Callable[..., str]:
    def wrapper(*args: Any, **kwargs: Any) -> str:
        text = method(*args, **kwargs)
        return translate(text) if lang() == "vi" else text

    return wrapper


def _shown_translated(show: Callable[..., None], lang: Callable[[], str]) -> Callable[..., None]:
    """An error's ``show`` writing to a buffer first, then the translation to the real file."""

    def wrapper(self: Any, file: Any = None) -> None:
        buffer = io.StringIO()
        show(self, file=buffer)
        text = translate(buffer.getvalue()) if lang() == "vi" else buffer.getvalue()
        if file is None:
            import sys

            file = sys.stderr
        file.write(text)

    return wrapper


def install(lang: Callable[[], str]) -> None:
    """Put typer's words in the language ``lang()`` says when they are shown: Vietnamese, or
    left as they are for English (``--lang en``, ``PARPLAN_LANG=en``)."""
    try:
        core = importlib.import_module("typer._click.core")
        exceptions = importlib.import_module("typer._click.exceptions")
    except ImportError:  # a typer that uses click itself: its words stay English
        return
    if getattr(core.Command.get_help, "__parplan__", False):
        return  # already installed (a test imports the CLI twice)
    for owner, name in ((core.Command, "get_help"), (core.Command, "get_usage")):
        wrapped = _translated(getattr(owner, name), lang)
        wrapped.__parplan__ = True  # type: ignore[attr-defined]
        setattr(owner, name, wrapped)
    exceptions.UsageError.show = _shown_translated(exceptions.UsageError.show, lang)
