"""How wide text is in Times New Roman: the Word renderer sizes its table columns with it.

Word fixes a table's column widths in the file; a column narrower than a word breaks the word
letter by letter. So the renderer measures every word it puts in a cell. The advance widths
below are Times New Roman's, in thousandths of an em, regular and bold, for ASCII, every
Vietnamese letter and the signs parplan prints; they were read from Liberation Serif 2, whose
widths are Times New Roman's by design. A character not listed counts as a whole em, so an
unexpected sign makes a column wider, never a word broken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

EM = 1000


def _table(groups: Mapping[int, str]) -> dict[str, int]:
    return {character: width for width, characters in groups.items() for character in characters}


REGULAR = _table(
    {
        180: "'",
        200: "|",
        250: " ,.",
        278: "/:;\\ijltìíĩỉị",
        333: "!()-I[]`frÌÍĨỈỊ’‘·",
        350: "•",
        389: "Js",
        400: "°",
        408: '"',
        444: "?acezàáâãèéêăạảấầẩẫậắằẳẵặẹẻẽếềểễệ“”",
        469: "^",
        480: "{}",
        500: "#$*0123456789_bdghknopquvxyòóôõùúýđũọỏốồổỗộụủỳỵỷỹ–",
        529: "ơớờởỡợ",
        541: "~",
        542: "ưứừửữự",
        549: "≥≤±÷",
        556: "FPS",
        564: "+<=>×−",
        611: "ELTZÈÉÊẸẺẼẾỀỂỄỆ",
        667: "BCR",
        722: "ADGHKNOQUVXYwÀÁÂÃÒÓÔÕÙÚÝĂĐŨƠẠẢẤẦẨẪẬẮẰẲẴẶỌỎỐỒỔỖỘỚỜỞỠỢỤỦỲỴỶỸ",
        776: "ƯỨỪỬỮỰ",
        778: "&m",
        833: "%",
        889: "M",
        921: "@",
        944: "W",
        1000: "—…→←",
    }
)
BOLD = _table(
    {
        220: "|",
        250: " ,.",
        278: "'/\\ilìíĩỉị",
        333: "!()-:;[]`fjt’‘·",
        350: "•",
        389: "IsÌÍĨỈỊ",
        394: "{}",
        400: "°",
        444: "cerzèéêẹẻẽếềểễệ",
        500: "#$*0123456789?J_agovxyàáâãòóôõýăạảấầẩẫậắằẳẵặọỏốồổỗộỳỵỷỹ–“”",
        520: "~",
        549: "≥≤±÷",
        554: "ơớờởỡợ",
        555: '"',
        556: "Sbdhknpquùúđũụủ",
        570: "+<=>×−",
        581: "^",
        600: "ưứừửữự",
        611: "FP",
        667: "BELTZÈÉÊẸẺẼẾỀỂỄỆ",
        722: "ACDNRUVXYwÀÁÂÃÙÚÝĂĐŨẠẢẤẦẨẪẬẮẰẲẴẶỤỦỲỴỶỸ",
        778: "GHKOQÒÓÔÕƠỌỎỐỒỔỖỘỚỜỞỠỢ",
        796: "ƯỨỪỬỮỰ",
        833: "&m",
        930: "@",
        944: "M",
        1000: "%W—…→←",
    }
)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points, at ``size`` points."""
    widths = BOLD if bold else REGULAR
    return sum(widths.get(character, EM) for character in unicodedata.normalize("NFC", text)) * size / EM


def widest_word(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of the widest piece of ``text`` between spaces (a no-break space joins)."""
    return max((text_width(word, size, bold=bold) for word in text.split(" ")), default=0.0)
