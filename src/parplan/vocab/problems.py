"""The vocabulary of problems: every error and warning parplan reports, with its stable rule code.

A leaf module: it imports nothing of ours, so every layer (reading, validation, analysis,
output) can speak it. A problem is *data* (check-jsonschema, frictionless): a rule code that
never changes (``PP204``), a message built from a catalogue in Vietnamese and English, and,
once placed, its file, line, column and criterion id. ``docs/errors.md`` lists every code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
Lang = Literal["vi", "en"]
Path = tuple[str | int, ...]
"""A path into a file's data: mapping keys and list positions."""
Role = Literal["baseline", "targets", "results"]


class Rule(NamedTuple):
    """A kind of problem: its code, how grave it is, and a short name in both languages."""

    code: str
    severity: Severity
    vi: str
    en: str


_RULES = (
    # PP1xx: the file and its YAML
    Rule("PP101", "error", "không có tệp", "no such file"),
    Rule("PP102", "error", "không được phép đọc tệp", "permission denied"),
    Rule("PP103", "error", "không đọc được tệp", "the file cannot be read"),
    Rule("PP104", "error", "là thư mục, không phải tệp", "a folder, not a file"),
    Rule("PP105", "error", "tệp quá lớn", "the file is too large"),
    Rule("PP106", "error", "tệp không phải UTF-8", "not UTF-8"),
    Rule("PP110", "error", "YAML không hợp lệ", "not valid YAML"),
    Rule("PP111", "error", "ký tự điều khiển trong YAML", "a control character in the YAML"),
    Rule("PP120", "error", "thẻ YAML không được phép", "a YAML tag that is not allowed"),
    Rule("PP121", "error", "bí danh YAML bị từ chối", "a YAML alias"),
    Rule("PP122", "error", "lồng quá sâu", "nested too deeply"),
    Rule("PP123", "error", "quá nhiều giá trị", "too many values"),
    Rule("PP124", "error", "giá trị quá dài", "a value too long"),
    Rule("PP125", "error", "nhiều tài liệu YAML trong một tệp", "several YAML documents in one file"),
    Rule("PP126", "error", "khóa trùng lặp", "a duplicate key"),
    Rule("PP127", "error", "khóa không phải giá trị đơn", "a mapping or list used as a key"),
    Rule("PP128", "error", "ký tự không hợp lệ", "an invalid character"),
    Rule("PP129", "error", "giá trị không đọc được", "a value that cannot be read"),
    Rule("PP130", "error", "tệp rỗng", "an empty file"),
    Rule("PP131", "error", "tệp không phải một ánh xạ khóa", "not a mapping of keys"),
    Rule("PP132", "error", "số không viết ở dạng thập phân thông thường", "a number not in plain decimals"),
    Rule("PP100", "error", "còn nhiều vấn đề khác", "more problems than are listed"),
    Rule("PP140", "error", "tệp đặt nhầm vai trò", "a file given in another file's place"),
    Rule("PP141", "error", "cần tệp mục tiêu của tỉnh", "the province's targets are needed"),
    Rule("PP142", "error", "không đọc được bảng tính", "the workbook cannot be read"),
    Rule("PP143", "error", "bảng tính thiếu trang", "a sheet missing from the workbook"),
    Rule("PP144", "error", "tệp đã có", "a file that exists already"),
    # PP2xx: keys and values against the file's schema
    Rule("PP201", "error", "khóa không xác định", "an unknown key"),
    Rule("PP202", "error", "thiếu khóa", "a missing key"),
    Rule("PP203", "error", "khóa không phải văn bản", "a key that is not text"),
    Rule("PP204", "error", "sai kiểu giá trị", "a value of the wrong type"),
    Rule("PP205", "error", "không phải số", "not a number"),
    Rule("PP206", "error", "số không hữu hạn", "not a finite number"),
    Rule("PP207", "error", "số quá lớn hoặc quá nhiều chữ số thập phân", "a number too large or too precise"),
    Rule("PP208", "error", "thứ hạng không hợp lệ", "not a rank k/N"),
    Rule("PP209", "error", "mã không hợp lệ", "not a valid id"),
    Rule("PP210", "error", "danh sách rỗng", "an empty list"),
    Rule("PP211", "error", "giá trị không hợp lệ", "a value that is not allowed"),
    Rule("PP212", "error", "ký tự điều khiển trong văn bản", "a control character in text"),
    Rule("PP220", "error", "ô không phải số", "a cell that is not a number"),
    Rule("PP221", "error", "ô chứa công thức", "a cell with a formula"),
    Rule("PP222", "error", "ô không đọc được", "a cell that cannot be read"),
    Rule("PP223", "error", "cột không xác định", "an unknown column"),
    Rule("PP224", "error", "dòng không thuộc tiêu chí nào", "a row that belongs to no criterion"),
    # PP3xx: what a plan's files say, checked together (errors)
    Rule("PP301", "error", "mã trùng lặp", "a duplicate id"),
    Rule("PP302", "error", "điểm tối đa không dương", "a maximum not above 0"),
    Rule("PP303", "error", "điểm âm", "a score below 0"),
    Rule("PP304", "error", "điểm vượt điểm tối đa", "a score above the maximum"),
    Rule("PP305", "error", "tổng điểm tối đa các phần không khớp", "parts' maxima that do not sum"),
    Rule("PP306", "error", "mã không có trong tệp", "an id not in the file"),
    Rule("PP307", "error", "tên tỉnh khác nhau", "another province"),
    Rule("PP308", "error", "năm cơ sở khác nhau", "another baseline year"),
    Rule("PP309", "error", "mã cơ quan trùng lặp", "a duplicate body id"),
    Rule("PP310", "error", "cơ quan không có trong danh sách", "an unknown body"),
    Rule("PP311", "error", "mục tiêu trùng lặp", "a duplicate target"),
    Rule("PP312", "error", "mục tiêu cho tiêu chí không có", "a target for an unknown criterion"),
    Rule("PP313", "error", "mục tiêu âm", "a target below 0"),
    Rule("PP314", "error", "mục tiêu vượt điểm tối đa", "a target above the maximum"),
    Rule("PP315", "error", "mục tiêu không thể đạt", "an unreachable target"),
    Rule("PP316", "error", "mức tăng vượt điểm tối đa", "an increase past the maximum"),
    Rule("PP317", "error", "năm kết quả khác năm mục tiêu", "results of another year"),
    Rule("PP318", "error", "kết quả cho tiêu chí không có", "a result for an unknown criterion"),
    Rule(
        "PP330",
        "error",
        "tổng điểm ghi sẵn khi không khai báo total: given",
        "a given total without total: given",
    ),
    Rule("PP331", "error", "mục tiêu nhóm cho tiêu chí không phải chỉ số", "a group target for a criterion"),
    Rule(
        "PP332",
        "error",
        "nhóm không có trong danh sách nhóm của chỉ số",
        "a group the index does not declare",
    ),
    Rule("PP333", "error", "nhóm trùng tên hoặc trùng ngưỡng", "groups with one name or one minimum"),
    Rule("PP334", "error", "thứ hạng mục tiêu vượt số tỉnh", "a rank target beyond its base"),
    Rule("PP335", "error", "năm mục tiêu trước năm của kế hoạch", "a target year before the plan's year"),
    Rule("PP336", "error", "một tỉnh xuất hiện hai lần trong bảng", "a province twice in a league table"),
    Rule("PP350", "error", "điểm cho một chỉ số", "a score given for an index"),
    Rule("PP351", "error", "kết quả trùng lặp", "a duplicate result"),
    # PP4xx: what looks wrong but may be the plan's own choice (warnings)
    Rule("PP401", "warning", "điểm khác tổng các phần", "a score that is not the sum of its parts"),
    Rule("PP402", "warning", "mức tăng khác tổng các phần", "an increase that is not the sum of its parts"),
    Rule("PP403", "warning", "mục tiêu cao hơn mức tăng dự kiến", "a target above the planned increase"),
    Rule("PP404", "warning", "mục tiêu thấp hơn mức tăng dự kiến", "a target below the planned increase"),
    Rule("PP405", "warning", "mục tiêu khác điểm cộng mức tăng", "a target that is not score + increase"),
    Rule("PP360", "error", "mã phần không nằm dưới mã tiêu chí cha", "a part id outside its parent's id"),
    Rule("PP460", "warning", "mục tiêu thấp hơn điểm hiện tại", "a target below the current score"),
    Rule("PP461", "warning", "mức tăng dự kiến âm", "a negative planned increase"),
    Rule("PP462", "warning", "kết quả thay đổi điểm tối đa", "results with another maximum"),
    Rule("PP430", "warning", "tổng điểm ghi sẵn khác tổng các tiêu chí", "a given total that is not the sum"),
    Rule("PP431", "warning", "bảng điểm các tỉnh là số liệu giả định", "a synthetic league table"),
    # PP9xx: where the output goes
    Rule("PP901", "error", "không ghi được đầu ra", "the output cannot be written"),
)
RULES: Mapping[str, Rule] = {rule.code: rule for rule in _RULES}
"""Every rule by code. Codes are stable: a code is never reused for another rule."""


MESSAGES: Mapping[str, tuple[str, str]] = {
    # key: (Vietnamese, English). {name} takes an argument; English reproduces the old texts.
    "no-file": ("không có tệp này", "no such file"),
    "permission": ("không được phép đọc", "permission denied"),
    "unreadable": ("không đọc được: {reason}", "cannot be read: {reason}"),
    "folder": ("là thư mục, không phải tệp YAML", "is a directory, not a YAML file"),
    "too-big": ("lớn hơn {mib} MiB", "is larger than {mib} MiB"),
    "not-utf8": ("không phải UTF-8 hợp lệ (byte 0x{byte})", "is not valid UTF-8 (byte 0x{byte})"),
    "yaml-syntax": ("không phải YAML hợp lệ: {problem}{context}", "is not valid YAML: {problem}{context}"),
    "yaml-context": (
        " ({context} từ dòng {line}, cột {column})",
        " ({context} from line {line}, column {column})",
    ),
    "control-char": (
        "không phải YAML hợp lệ: không được dùng ký tự điều khiển {char}",
        "is not valid YAML: the control character {char} is not allowed",
    ),
    "tag": (
        "không được dùng thẻ {tag} (chỉ dùng giá trị YAML thông thường)",
        "the tag {tag} is not allowed (only plain YAML values)",
    ),
    "alias": (
        "bí danh (*{anchor}) bị từ chối: chúng có thể bung ra vô hạn ('billion laughs')",
        "aliases (*{anchor}) are refused: they can expand without bound ('billion laughs')",
    ),
    "depth": ("không chấp nhận lồng sâu quá {depth} cấp", "nesting deeper than {depth} levels is refused"),
    "values": (
        "không chấp nhận quá {count} giá trị: nhiều hơn hẳn mọi kế hoạch",
        "more than {count} values is refused: far more than any plan",
    ),
    "long-value": (
        "không chấp nhận giá trị dài quá {count} ký tự",
        "a value longer than {count} characters is refused",
    ),
    "documents": (
        "cần một tài liệu YAML, nhưng tệp có nhiều tài liệu",
        "expected one YAML document, found several",
    ),
    "duplicate-key": ("khóa {key} bị trùng", "duplicate key {key}"),
    "complex-key": (
        "không dùng ánh xạ hoặc danh sách làm khóa",
        "a mapping or list cannot be used as a key",
    ),
    "surrogate": (
        "văn bản chứa mã thay thế đơn lẻ (surrogate), không phải ký tự",
        "the text contains a lone surrogate escape, which is not a character",
    ),
    "unreadable-value": (
        "không đọc được {value} là {kind} ({reason})",
        "{value} cannot be read as {kind} ({reason})",
    ),
    "kind-int": ("số nguyên", "an integer"),
    "kind-date": ("ngày", "a date"),
    "kind-float": ("số", "a number"),
    "empty": ("rỗng: cần một ánh xạ các khóa", "is empty: expected a mapping of keys"),
    "not-mapping": ("phải là ánh xạ các khóa, không phải {kind}", "must be a mapping of keys, not {kind}"),
    "a-list": ("một danh sách", "a list"),
    "a-mapping": ("một ánh xạ", "a mapping"),
    "a-value": ("một giá trị đơn", "a single value"),
    "tag-not-allowed": ("không được dùng thẻ {tag}", "the tag {tag} is not allowed"),
    "nested-deep": (
        "lồng quá sâu: không chấp nhận quá {depth} cấp",
        "is nested too deeply: more than {depth} levels is refused",
    ),
    "kind-bool": ("giá trị đúng/sai", "bool"),
    "digits": ("quá 100 chữ số", "more than 100 digits"),
    "not-bool": ("không phải yes/no, true/false hay on/off", "not yes/no, true/false or on/off"),
    "not-date": ("không có dạng YYYY-MM-DD", "not of the form YYYY-MM-DD"),
    # schema
    "unknown-key": ("khóa không xác định {key}{hint}", "unknown key {key}{hint}"),
    "did-you-mean": (" (có phải là {close}?)", " (did you mean {close}?)"),
    "missing-key": ("thiếu khóa {key}", "missing key {key}"),
    "key-text": ("khóa {key} phải là văn bản", "the key {key} must be text"),
    "at-key": ("{key}: {message}", "{key}: {message}"),
    "expected-got": ("{expected}, nhận được {got}", "{expected}, got {got}"),
    "expected-text": ("cần văn bản", "expected text"),
    "expected-list": ("cần một danh sách", "expected a list"),
    "expected-mapping": ("cần một ánh xạ các khóa", "expected a mapping of keys"),
    "expected-whole": ("cần một số nguyên", "expected a whole number"),
    "expected-date": ("cần một ngày (YYYY-MM-DD)", "expected a date (YYYY-MM-DD)"),
    "expected-date-only": (
        "cần một ngày (YYYY-MM-DD) không kèm giờ",
        "expected a date (YYYY-MM-DD) without a time",
    ),
    "expected-rank-pattern": ("cần thứ hạng dạng k/N như 39/63", "expected a rank k/N such as 39/63"),
    "expected-id": (
        "cần một mã như par.2.impl (chữ thường, chữ số, _ và dấu chấm)",
        "expected an id such as par.2.impl (lower-case letters, digits, _ and dots)",
    ),
    "expected-body-id": (
        "cần một mã cơ quan như so-noi-vu (chữ thường, chữ số và -)",
        "expected a body id such as so-noi-vu (lower-case letters, digits and -)",
    ),
    "at-least": ("cần ít nhất {count} mục", "expected at least {count} item{plural}"),
    "non-empty": ("phải có ít nhất một mục", "must list at least one item"),
    "null": ("null", "null"),
    "number-comma": (
        "cần một số, nhận được văn bản {text}: hãy viết {point} (dấu chấm, không có dấu nháy)",
        "expected a number, got the text {text}: write {point} (point, no quotes)",
    ),
    "number-text": ("cần một số, nhận được văn bản {text}", "expected a number, got the text {text}"),
    "number-bool": ("cần một số, nhận được giá trị đúng/sai", "expected a number, got a boolean"),
    "number-container": ("cần một số, nhận được {kind}", "expected a number, got {kind}"),
    "number-other": ("cần một số, nhận được {kind} {value}", "expected a number, got {kind} {value}"),
    "not-finite": (
        "cần một số hữu hạn, nhận được NaN hoặc vô cực",
        "expected a finite number, got NaN or infinity",
    ),
    "too-large": (
        "số {value} quá lớn (tối đa {digits} chữ số trước dấu thập phân)",
        "the number {value} is too large (at most {digits} digits before the point)",
    ),
    "too-precise": (
        "số {value} có quá {places} chữ số thập phân",
        "the number {value} has more than {places} decimal places",
    ),
    "rank-long": ("thứ hạng {value}… quá dài để là k/N", "rank {value}… is too long to be k/N"),
    "rank": (
        "cần thứ hạng dạng k/N như 39/63 (1 <= k <= N), nhận được {value}",
        "expected a rank k/N such as 39/63 (1 <= k <= N), got {value}",
    ),
    "pydantic": ("{text}", "{text}"),
    "blank": ("", ""),
    # consistency
    "duplicate-id": ("mã {id} bị trùng", "duplicate id {id}"),
    "max-positive": ("điểm tối đa {max} phải lớn hơn 0", "max {max} must be above 0"),
    "score-negative": ("điểm {score} nhỏ hơn 0", "score {score} is below 0"),
    "score-above": ("điểm {score} vượt điểm tối đa {max}", "score {score} is above the maximum {max}"),
    "parts-max": (
        "tổng điểm tối đa các phần là {total}, không bằng điểm tối đa {max}",
        "the parts' maxima sum to {total}, not to max {max}",
    ),
    "not-in-file": ("{id} không phải tiêu chí của tệp này", "{id} is not a criterion of this file"),
    "province": (
        "tỉnh {province} khác với tỉnh của tệp cơ sở {baseline}",
        "province {province} differs from the baseline's {baseline}",
    ),
    "baseline-year": (
        "baseline_year {year} khác với năm của tệp cơ sở {baseline}",
        "baseline_year {year} differs from the baseline's year {baseline}",
    ),
    "duplicate-body": ("mã cơ quan {id} bị trùng", "duplicate body id {id}"),
    "unknown-body": ("không có cơ quan {id}", "unknown body {id}"),
    "duplicate-target": ("mục tiêu cho {id} bị trùng", "duplicate target for {id}"),
    "target-unknown": ("{id} không có trong tệp cơ sở", "{id} is not in the baseline"),
    "target-negative": ("mục tiêu {target} nhỏ hơn 0", "target {target} is below 0"),
    "target-above": (
        "mục tiêu {target} vượt điểm tối đa {max}",
        "target {target} is above the maximum {max}",
    ),
    "target-strict-max": (
        "mục tiêu > {target} không thể đạt: điểm tối đa là {max}",
        "target > {target} is unreachable: the maximum is {max}",
    ),
    "increase-above": (
        "điểm {score} + mức tăng {increase} vượt điểm tối đa {max}",
        "score {score} + increase {increase} is above the maximum {max}",
    ),
    "results-year": (
        "kết quả năm {year}, nhưng mục tiêu là cho năm {targets}",
        "results for {year}, but the targets are for {targets}",
    ),
    "results-unknown": (
        "{id} không có trong tệp cơ sở: đây có phải tệp kết quả của kế hoạch khác?",
        "{id} is not in the baseline: is this a results file for another plan?",
    ),
    "score-parts": (
        "điểm {score} khác tổng điểm các phần {total}",
        "score {score} differs from the sum of its parts {total}",
    ),
    "increase-parts": (
        "mức tăng {increase} khác tổng mức tăng các phần {total}",
        "increase {increase} differs from the sum of its parts' increases {total}",
    ),
    "sums": (
        "điểm {score} + mức tăng {increase} = {projected}{cut}",
        "score {score} + increase {increase} = {projected}{cut}",
    ),
    "cut": (" (cắt còn hai chữ số thập phân: {cut})", " ({cut} cut to two decimals)"),
    "target-unreachable": (
        "mục tiêu {comparison} {target} cao hơn {sums}: mức tăng dự kiến không đạt tới",
        "target {comparison} {target} is above {sums}: unreachable by the planned increase",
    ),
    "target-looser": (
        "mục tiêu {comparison} {target} thấp hơn {sums}: lỏng hơn kế hoạch",
        "target {comparison} {target} is below {sums}: looser than planned",
    ),
    "target-not-sum": (
        "mục tiêu {comparison} {target} không bằng {sums}",
        "target {comparison} {target} is not {sums}",
    ),
    # issue 11: trust
    "hidden-break": (
        "ký tự {char} là dấu xuống dòng với YAML nhưng trình soạn thảo không hiển thị: hãy xóa nó "
        "hoặc thay bằng dấu cách",
        "the character {char} is a line break for YAML but not for editors: remove it or replace it "
        "by a space",
    ),
    "not-decimal": (
        "{text} không viết ở dạng thập phân thông thường (YAML 1.1 sẽ đọc thành {read}): hãy viết "
        "chỉ bằng chữ số và dấu chấm thập phân, như 12 hoặc 9.2779, hoặc đặt trong dấu nháy nếu là văn bản",
        "{text} is not written in plain decimals (YAML 1.1 would read it as {read}): write digits and "
        "a decimal point only, such as 12 or 9.2779, or put it in quotes if it is text",
    ),
    "not-decimal-unreadable": (
        "{text} không viết ở dạng thập phân thông thường: hãy viết chỉ bằng chữ số và dấu chấm thập phân, "
        "như 12 hoặc 9.2779, hoặc đặt trong dấu nháy nếu là văn bản",
        "{text} is not written in plain decimals: write digits and a decimal point only, such as 12 or "
        "9.2779, or put it in quotes if it is text",
    ),
    "not-number": ("không có chữ số nào", "there are no digits"),
    "control-in-text": (
        "văn bản chứa ký tự điều khiển {char} ở vị trí {position}: hãy xóa nó",
        "the text contains the control character {char} at position {position}: remove it",
    ),
    "more-problems": (
        "và {count} vấn đề khác trong tệp này (hãy sửa các vấn đề trên trước)",
        "and {count} more problems in this file (fix the ones above first)",
    ),
    "more-unchecked": (
        "và còn các vấn đề khác: mới kiểm tra {items} mục đầu của mỗi danh sách "
        "(hãy sửa các vấn đề trên trước)",
        "and more problems: only the first {items} items of each list were checked "
        "(fix the ones above first)",
    ),
    "part-outside": (
        "mã {id} không bắt đầu bằng mã tiêu chí cha {parent}: phần phải có mã dạng {parent}.<tên>",
        "the id {id} does not start with its parent's id {parent}: a part's id is {parent}.<name>",
    ),
    "target-below-score": (
        "mục tiêu {comparison} {target} thấp hơn điểm năm trước {score}: kế hoạch chấp nhận giảm điểm",
        "target {comparison} {target} is below this year's score {score}: the plan would accept a fall",
    ),
    "negative-increase": (
        "mức tăng dự kiến {increase} là số âm: kế hoạch dự kiến giảm điểm",
        "the planned increase {increase} is negative: the plan expects a fall",
    ),
    "max-changed": (
        "điểm tối đa {max} khác với tệp cơ sở ({baseline}): bộ tiêu chí đã thay đổi, so sánh khoảng cách "
        "giữa hai năm có thể sai lệch",
        "max {max} differs from the baseline's {baseline}: the criteria set changed, so gaps of the two "
        "years are not alike",
    ),
    # headline targets
    "score-not-given": (
        "tổng điểm {score} chỉ được ghi khi khai báo total: given (đang là total: {total})",
        "a total score {score} is read only with total: given (this index has total: {total})",
    ),
    "group-not-index": (
        "{id} không phải một chỉ số: chỉ chỉ số mới được xếp nhóm",
        "{id} is not an index: only an index is placed in a group",
    ),
    "group-unknown": (
        "nhóm {group} không có trong các nhóm của {id} ({groups})",
        "group {group} is not one of the groups of {id} ({groups})",
    ),
    "no-groups": ("không có (khai báo groups: trong tệp cơ sở)", "none (declare groups: in the baseline)"),
    "group-duplicate": (
        "các nhóm của {id} trùng tên hoặc trùng ngưỡng: {groups}",
        "the groups of {id} repeat a name or a minimum: {groups}",
    ),
    "rank-target-base": (
        "thứ hạng mục tiêu {rank} vượt số tỉnh rank_base {base}",
        "rank target {rank} is beyond rank_base {base}",
    ),
    "target-year": (
        "năm mục tiêu {year} trước năm của kế hoạch {plan}",
        "target year {year} is before the plan's year {plan}",
    ),
    "league-duplicate": (
        "tỉnh {province} có hai lần trong bảng {id} năm {year}",
        "province {province} is listed twice in the {id} table of {year}",
    ),
    "given-differs": (
        "tổng điểm ghi sẵn {score} khác tổng điểm các tiêu chí {total}",
        "the given total {score} differs from the sum of the criteria {total}",
    ),
    "league-synthetic": (
        "bảng điểm {id} năm {year} là số liệu giả định (synthetic: true), không phải số liệu công bố",
        "the {id} table of {year} is synthetic (synthetic: true), not published figures",
    ),
    # hints (issue 14)
    "comma-hint": (
        " (dấu phẩy trong giá trị không đặt trong dấu nháy đã tách giá trị thành khóa; hãy viết {fix})",
        " (a comma in an unquoted value split it into a key; write {fix})",
    ),
    "looks-like": (
        "tệp này có vẻ là tệp {kind}, không phải tệp {role}",
        "this looks like a {kind} file, not a {role} file",
    ),
    "looks-swapped": (
        "hai tệp có vẻ bị đổi chỗ: {baseline} là tệp mục tiêu, {targets} là tệp số liệu gốc;"
        " hãy đổi --baseline và --targets cho nhau",
        "the files look swapped: {baseline} is a targets file and {targets} a baseline;"
        " swap --baseline and --targets",
    ),
    "kind-baseline": ("số liệu gốc (baseline)", "baseline"),
    "kind-targets": ("mục tiêu (targets)", "targets"),
    "kind-results": ("kết quả (results)", "results"),
    "targets-needed": (
        "tệp số liệu gốc là của {province}, còn tệp mục tiêu đi kèm parplan là của {bundled}:"
        " hãy chỉ ra tệp mục tiêu của tỉnh bằng --targets",
        "the baseline is for {province} but the bundled targets are for {bundled}:"
        " give the province's targets with --targets",
    ),
    # short results
    "index-score": (
        "{id} là một chỉ số: điểm của chỉ số là tổng các tiêu chí, chỉ ghi rank",
        "{id} is an index: its score is the sum of its criteria; give only its rank",
    ),
    "duplicate-result": ("kết quả cho {id} bị trùng", "duplicate result for {id}"),
    # workbooks
    "cell-number": ("cần một số, nhận được {got}", "expected a number, got {got}"),
    "cell-comma": (
        "cần một số, nhận được {got}: hãy nhập {point} hoặc định dạng ô là số",
        "expected a number, got {got}: type {point} or make the cell a number",
    ),
    "cell-whole": ("cần một số nguyên, nhận được {got}", "expected a whole number, got {got}"),
    "cell-formula": (
        "ô chứa công thức {formula}: hãy nhập giá trị, không nhập công thức",
        "the cell holds the formula {formula}: type the value, not a formula",
    ),
    "cell-error": ("ô có lỗi {value} của Excel", "the cell holds Excel's error {value}"),
    "cell-date": (
        "cần thứ hạng dạng k/N, nhận được một ngày: hãy định dạng ô là văn bản (Text) rồi nhập lại",
        "expected a rank k/N, got a date: format the cell as Text and type it again",
    ),
    "cell-bool": ("cần {expected}, nhận được giá trị đúng/sai", "expected {expected}, got a boolean"),
    "unknown-column": (
        "cột {column} không xác định; các cột được dùng: {known}",
        "unknown column {column}; the columns are: {known}",
    ),
    "part-of": (
        "part_of {parent} không phải tiêu chí ở các dòng trên của trang này",
        "part_of {parent} is not a criterion on a row above in this sheet",
    ),
    "no-index-row": (
        "dòng 2 phải là chỉ số (id như par), không phải một phần",
        "row 2 must be the index (an id such as par), not a part",
    ),
    "workbook-unreadable": (
        "không đọc được bảng tính Excel (.xlsx): {reason}",
        "is not a readable Excel workbook (.xlsx): {reason}",
    ),
    "sheet-missing": ("thiếu trang {sheet}", "the sheet {sheet} is missing"),
    "no-index-sheet": (
        "không có trang chỉ số nào (PAR, PAPI, SIPAS…)",
        "no index sheet (PAR, PAPI, SIPAS…)",
    ),
    "exists": ("tệp đã có; không ghi đè{hint}", "exists already; not overwritten{hint}"),
    "force-hint": (" (dùng --force để ghi đè)", " (--force overwrites)"),
    "wrote": ("đã ghi {path}", "wrote {path}"),
    "import-warnings": (
        "bảng tính có {count} cảnh báo; `parplan validate` liệt kê các cảnh báo này",
        "the workbook has {count} warning(s); `parplan validate` lists them",
    ),
    # the command line: help and messages
    "help-app": (
        "Phân tích khoảng cách kế hoạch cải thiện Chỉ số PAR INDEX, SIPAS và PAPI của tỉnh.",
        "Gap analysis of a province's PAR INDEX, SIPAS and PAPI plan.",
    ),
    "help-format": (
        "Định dạng đầu ra (mặc định: theo phần mở rộng của --output; nếu không có, bảng trên màn hình, văn "
        "bản ở nơi khác).",
        "Output format (default: from --output's extension, else table on a terminal, text elsewhere).",
    ),
    "help-baseline": (
        "Tệp YAML số liệu gốc (mặc định: kế hoạch năm 2024 của Cao Bằng kèm theo).",
        "Baseline YAML (default: the bundled Cao Bằng 2024 plan).",
    ),
    "help-targets": (
        "Tệp YAML mục tiêu (mặc định: mục tiêu năm 2025 kèm theo).",
        "Targets YAML (default: the bundled 2025 targets).",
    ),
    "help-results": (
        "Tệp YAML kết quả: cùng cấu trúc với số liệu gốc, của năm sau; hoặc dạng rút gọn results: [{{id, "
        "score, rank}}].",
        "Results YAML: the baseline schema, a later year; or the short form results: [{{id, score, rank}}].",
    ),
    "help-output": (
        "Ghi ra tệp này (ghi một lần, chỉ khi thành công); - là đầu ra chuẩn.",
        "Write to this file (all at once, only on success); - is stdout.",
    ),
    "help-lang": (
        "Ngôn ngữ của nhãn, tên và thông báo: vi hoặc en (có thể đặt bằng biến môi trường PARPLAN_LANG).",
        "Language of labels, names and messages: vi or en (also set by PARPLAN_LANG).",
    ),
    "help-comma": (
        "In số thập phân bằng dấu phẩy (9,2779) như văn bản hành chính.",
        "Print 9,2779 as the documents do.",
    ),
    "help-bom": (
        "Thêm dấu BOM ở đầu tệp CSV để Excel đọc đúng tiếng Việt.",
        "Start CSV with a byte-order mark, for Excel.",
    ),
    "help-columns": (
        "Các cột cần hiển thị, theo thứ tự, cách nhau bằng dấu phẩy.",
        "Comma-separated column keys to show, in order.",
    ),
    "help-index": (
        "Chỉ chỉ số này, theo mã: par, papi, sipas, kpi… (có thể lặp lại).",
        "Only this index, by id: par, papi, sipas, kpi… (repeatable).",
    ),
    "help-owner": (
        'Chỉ các tiêu chí do cơ quan này chủ trì, ví dụ "so noi vu".',
        'Only criteria owned by a body, e.g. "so noi vu".',
    ),
    "help-level": (
        "fields: bỏ qua các phần (điểm điều tra, điểm thực hiện).",
        "fields: leave out the parts.",
    ),
    "help-version": (
        "Hiển thị phiên bản rồi thoát.",
        "Show the version and exit.",
    ),
    "help-strict": (
        "Cảnh báo cũng tính là không đạt (mã thoát 1).",
        "Warnings fail too (exit 1).",
    ),
    "help-ignore": (
        "Bỏ qua cảnh báo theo mã, ví dụ PP404 (có thể lặp lại).",
        "Leave out a warning by its code, e.g. PP404 (repeatable).",
    ),
    "help-validate": (
        "Kiểm tra các tệp của kế hoạch và tính nhất quán: mã thoát 0 hợp lệ, 1 có cảnh báo khi dùng "
        "--strict, 2 có lỗi.",
        "Check the plan's files and their consistency: exit 0 valid, 1 warnings under --strict, 2 errors.",
    ),
    "help-gap": (
        "Điểm bị mất ở đâu: khoảng cách đến điểm tối đa, mức tăng dự kiến, mục tiêu.",
        "Where the points are lost: headroom to the maximum, planned increase, target.",
    ),
    "help-by": (
        "Xếp theo: headroom (điểm còn thiếu), headroom-pct, increase (mức tăng), rank (thứ hạng), ambition "
        "(mức tham vọng).",
        "What to rank by.",
    ),
    "help-top": (
        "Chỉ N tiêu chí đầu của mỗi nhóm.",
        "Only the first N of each group.",
    ),
    "help-ascending": (
        "Từ nhỏ đến lớn.",
        "Smallest first.",
    ),
    "help-across": (
        "Một bảng xếp chung cho tất cả các chỉ số.",
        "One ranking across all indices.",
    ),
    "help-rank": (
        "Tiêu chí nào quan trọng nhất: xếp trong từng chỉ số (hoặc chung cho tất cả với --across).",
        "Which criteria matter most: ranked within each index (or --across all).",
    ),
    "help-require-all": (
        "Mục tiêu chưa có số liệu cũng tính là không đạt.",
        "A target without data fails too.",
    ),
    "help-check": (
        "Mục tiêu nào đã đạt: mã thoát 0 không có mục tiêu không đạt, 1 có mục tiêu không đạt, 2 dữ liệu "
        "không dùng được.",
        "Which targets were met: exit 0 none missed, 1 a target missed, 2 unusable input.",
    ),
    "help-trend": (
        "Từng chỉ số (và tiêu chí nếu có) qua các năm, kèm mức thay đổi; --results thêm năm kết quả.",
        "Each index (and criterion where known) year by year, with the change; --results adds that year.",
    ),
    "help-report": (
        "Báo cáo trình Ủy ban nhân dân tỉnh: tổng điểm, xếp hạng, mâu thuẫn, cơ quan chủ trì, thời hạn "
        "(Markdown, Word hoặc HTML).",
        "The report for the People's Committee: totals, rankings, problems, owners, deadlines (Markdown, "
        "Word or HTML).",
    ),
    "help-schema-kind": (
        "Loại tệp: baseline, targets hoặc results.",
        "Which file kind.",
    ),
    "help-schema": (
        "In JSON Schema của một loại tệp, cho trình soạn thảo (yaml-language-server) và công cụ khác.",
        "Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools.",
    ),
    "help-chart-output": (
        "Ảnh cần ghi: TỆP.png hoặc TỆP.svg.",
        "The image to write: FILE.png or FILE.svg.",
    ),
    "help-chart-kind": (
        "bars: điểm, mục tiêu và điểm tối đa của từng tiêu chí; radar: các nội dung của PAPI.",
        "bars: score, target and maximum per criterion; radar: the PAPI dimensions.",
    ),
    "help-chart": (
        "Vẽ biểu đồ kế hoạch: cột theo tiêu chí, xếp theo điểm còn thiếu, hoặc biểu đồ radar PAPI (cần "
        "parplan[charts]).",
        "Draw the plan: bars per criterion sorted by headroom, or the PAPI radar (needs parplan[charts]).",
    ),
    "help-init-dir": (
        "Thư mục của kế hoạch mới (tạo nếu chưa có).",
        "The folder of the new plan (created if needed).",
    ),
    "help-province": (
        'Tên tỉnh, thành phố, ví dụ "Tuyên Quang".',
        'The province, e.g. "Tuyên Quang".',
    ),
    "help-year": (
        "Năm kế hoạch; số liệu gốc là của năm trước đó.",
        "The plan's year; the baseline is the year before.",
    ),
    "help-xlsx": (
        "Ghi thêm bảng tính trống plan_NĂM.xlsx.",
        "Also write an empty workbook plan_YEAR.xlsx.",
    ),
    "help-init": (
        "Tạo các tệp của kế hoạch mới: số liệu gốc, mục tiêu, kết quả (mọi số để trống); không ghi đè tệp "
        "có sẵn.",
        "Write the files of a new plan: baseline, targets, results (every number null); never overwrites.",
    ),
    "help-export-output": (
        "Bảng tính cần ghi: TỆP.xlsx.",
        "The workbook to write: FILE.xlsx.",
    ),
    "help-export": (
        "Xuất kế hoạch ra bảng tính để chỉnh sửa: mỗi chỉ số một trang, danh sách cơ quan, các danh mục và "
        "hướng dẫn điền.",
        "Write the plan as an editable workbook: a sheet per index, bodies, lists and how to fill it in.",
    ),
    "help-import-file": (
        "Bảng tính từ `parplan export` hoặc `init --xlsx`.",
        "A workbook from `parplan export` or `init --xlsx`.",
    ),
    "help-to": (
        "Thư mục ghi các tệp YAML.",
        "The folder to write the YAML files into.",
    ),
    "help-force": (
        "Ghi đè các tệp đã có.",
        "Overwrite files that exist already.",
    ),
    "help-import": (
        "Đọc bảng tính kế hoạch thành baseline_NĂM.yaml và targets_NĂM.yaml; ghi tất cả hoặc không ghi gì.",
        "Read a plan workbook back into baseline_YEAR.yaml and targets_YEAR.yaml; all or nothing.",
    ),
    "plan-warnings": (
        "lưu ý: kế hoạch có {count} cảnh báo; `parplan validate` liệt kê các cảnh báo này",
        "note: the plan has {count} warning{plural}; `parplan validate` lists them",
    ),
    "working": ("đang xử lý…", "working…"),
    "interrupted": (
        "đã dừng theo yêu cầu",
        "interrupted",
    ),
    "input-as-output": (
        "{which} là tệp đầu vào của lệnh này: hãy ghi kết quả ra tệp khác",
        "{which} is an input of this command: write the output elsewhere",
    ),
    "unknown-columns": (
        "không có cột {columns}; các cột có thể chọn: {known}",
        "unknown column(s) {columns}; choose from {known}",
    ),
    "no-rule": (
        "không có quy tắc {codes}; docs/errors.md liệt kê các mã",
        "no rule {codes}; docs/errors.md lists the codes",
    ),
    "not-ignorable": (
        "{codes} là lỗi: chỉ bỏ qua được cảnh báo",
        "{codes} {verb}: only warnings can be ignored",
    ),
    "schema-json": (
        "JSON Schema được ghi ra tệp .json, không phải {output}",
        "a JSON Schema is written to a .json file, not {output}",
    ),
    "chart-file": (
        "hãy ghi biểu đồ ra tệp .png hoặc .svg, không phải {output}",
        "write the chart to a .png or .svg file, not {output}",
    ),
    "radar-one": (
        "biểu đồ radar chỉ vẽ một chỉ số; chỉ dùng --index một lần",
        "a radar draws one index; give --index once",
    ),
    "no-matplotlib": (
        "vẽ biểu đồ cần matplotlib, gói bổ sung: pip install 'parplan[charts]'",
        "charts need matplotlib, an optional extra: pip install 'parplan[charts]'",
    ),
    "workbook-file": (
        "bảng tính được ghi ra tệp .xlsx, không phải {output}",
        "a workbook is written to a .xlsx file, not {output}",
    ),
    "cannot-format": (
        "lệnh {command} không ghi được định dạng {requested}; hãy chọn một trong: {choices}",
        "{command} cannot write {requested}; choose one of {choices}",
    ),
    "cannot-extension": (
        "lệnh {command} không ghi được tệp {shown}; hãy dùng --format hoặc một trong: {choices}",
        "{command} cannot write {shown} files; use --format or one of {choices}",
    ),
    "binary-terminal": (
        "{format} là tệp nhị phân, không in ra màn hình; hãy ghi bằng -o TỆP.{format}",
        "{format} is a binary file and stdout is a terminal; write it with -o FILE.{format}",
    ),
    "unknown-index": (
        "không có chỉ số {unknown}; kế hoạch có: {known}",
        "unknown index {unknown}; the plan has {known}",
    ),
    "valid-summary": (
        "{verdict}: {errors} lỗi, {warnings} cảnh báo",
        "{verdict}: {errors} error{eplural}, {warnings} warning{wplural}",
    ),
    "valid": (
        "hợp lệ",
        "valid",
    ),
    "invalid": (
        "không hợp lệ",
        "invalid",
    ),
    "check-summary": (
        "{met} đạt, {missed} không đạt, {nodata} thiếu số liệu",
        "{met} met, {missed} missed, {nodata} no-data",
    ),
    "nothing-to-chart": (
        "{wanted}: không có tiêu chí nào có cả điểm số và điểm tối đa để vẽ",
        "{wanted}: no criterion has both a score and a maximum to chart",
    ),
    "radar-few": (
        "{index}: biểu đồ radar cần ít nhất 3 tiêu chí có điểm số và điểm tối đa",
        "{index}: a radar needs at least 3 criteria with a score and a maximum",
    ),
    # the YAML parser's own words (PyYAML and libyaml say the same)
    "yaml:did not find expected ',' or ']'": (
        "không thấy dấu ',' hoặc ']' như mong đợi",
        "did not find expected ',' or ']'",
    ),
    "yaml:did not find expected ',' or '}'": (
        "không thấy dấu ',' hoặc '}}' như mong đợi",
        "did not find expected ',' or '}}'",
    ),
    "yaml:mapping values are not allowed here": (
        "không được đặt giá trị ánh xạ ở đây (thiếu dấu cách sau dấu hai chấm, hoặc thụt lề sai?)",
        "mapping values are not allowed here",
    ),
    "yaml:did not find expected key": (
        "không thấy khóa như mong đợi (thụt lề sai?)",
        "did not find expected key",
    ),
    "yaml:could not find expected ':'": ("không thấy dấu ':' như mong đợi", "could not find expected ':'"),
    "yaml:found unexpected end of stream": ("tệp kết thúc bất ngờ", "found unexpected end of stream"),
    "yaml:found character '\\t' that cannot start any token": (
        "có ký tự tab: YAML chỉ thụt lề bằng dấu cách",
        "found character '\\t' that cannot start any token",
    ),
    "yaml:found character that cannot start any token": (
        "có ký tự không thể bắt đầu một giá trị (thường là tab: YAML chỉ thụt lề bằng dấu cách)",
        "found character that cannot start any token",
    ),
    "yaml:while scanning for the next token": (
        "khi đọc giá trị tiếp theo",
        "while scanning for the next token",
    ),
    "yaml:while parsing a flow sequence": ("khi đọc danh sách [ ]", "while parsing a flow sequence"),
    "yaml:while parsing a flow mapping": ("khi đọc ánh xạ {{ }}", "while parsing a flow mapping"),
    "yaml:while parsing a block mapping": ("khi đọc ánh xạ", "while parsing a block mapping"),
    "yaml:while parsing a block collection": ("khi đọc danh sách", "while parsing a block collection"),
    "yaml:while scanning a simple key": ("khi đọc một khóa", "while scanning a simple key"),
    "yaml:while scanning a quoted scalar": (
        "khi đọc văn bản trong dấu nháy",
        "while scanning a quoted scalar",
    ),
    # output
    "cannot-write": ("không ghi được: {reason}", "cannot be written: {reason}"),
    "output-folder": ("là thư mục, không phải tệp", "is a directory, not a file"),
}
"""Every message, in both languages. ``tests/test_problems.py`` checks each has both, with the
same arguments."""


@dataclass(frozen=True)
class Msg:
    """A message by catalogue key, with its arguments; rendered in a language only when shown.

    An argument may itself be a :class:`Msg` (a hint, a kind of value), rendered in the same
    language. Arguments that are plan text are given as written (quoted by the caller).
    """

    key: str
    args: Mapping[str, str | int | Msg] = field(default_factory=dict)

    def text(self, lang: Lang = "en", *, comma: bool = False) -> str:
        """The message in ``lang``; with ``comma``, its numbers with the decimal comma (a
        Vietnamese document), ids and plan text untouched."""
        vi, en = MESSAGES[self.key]
        template = vi if lang == "vi" else en
        values = {name: _shown(value, lang, comma) for name, value in self.args.items()}
        return template.format(**values)


class Num(str):
    """A number's exact text in a message (``12.0317``): the one kind of argument that a
    document printing the decimal comma writes ``12,0317``."""


def _shown(value: str | int | Msg, lang: Lang, comma: bool) -> str | int:
    if isinstance(value, Msg):
        return value.text(lang, comma=comma)
    if comma and isinstance(value, Num):
        return value.replace(".", ",")
    return value


def msg(key: str, /, **args: str | int | Msg) -> Msg:
    """A message: ``msg("score-above", score="12", max="10")``."""
    return Msg(key, args)


NOTHING = Msg("blank")
"""An empty message part (no hint, no context)."""


def quoted(value: object) -> str:
    """A value quoted as the messages show plan text: ``'par.1'``."""
    return repr(value)


@dataclass(frozen=True)
class Finding:
    """A problem found by the rules, before it is placed: its file (role), path and message."""

    role: Role
    path: Path
    id: str | None
    code: str
    message: Msg

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity


@dataclass(frozen=True)
class Problem:
    """A problem with its place: ``FILE:LINE:COL: ID: CODE severity: message``."""

    file: str
    line: int | None
    column: int | None
    id: str | None
    code: str
    message: Msg

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    def text(self, lang: Lang = "en", *, comma: bool = False) -> str:
        return self.message.text(lang, comma=comma)

    def format(self, lang: Lang = "en") -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}:{self.column}"
        who = f" {_one_line(self.id)}:" if self.id else ""
        return f"{place}:{who} {self.code} {severity_word(self.severity, lang)}: {self.text(lang)}"


def _one_line(text: str) -> str:
    """An id as one printable line: a refused id with a line break in it must not split the
    message, nor an escape sequence reach the terminal."""
    return text if text.isprintable() else repr(text)[1:-1]


_SEVERITY_WORDS: Mapping[Severity, tuple[str, str]] = {
    "error": ("lỗi", "error"),
    "warning": ("cảnh báo", "warning"),
}


def severity_word(severity: Severity, lang: Lang) -> str:
    vi, en = _SEVERITY_WORDS[severity]
    return vi if lang == "vi" else en


MAX_PROBLEMS = 100
"""Problems placed and listed per file; past that they are counted ("… and 1,234 more")."""


class InputError(Exception):
    """Unusable input (exit 2); carries every problem found, not only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = tuple(problems)


class OutputError(Exception):
    """The output could not be written (a full disk, a closed pipe): not the input's fault."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def file_problem(file: str, code: str, message: Msg, mark: tuple[int, int] | None = None) -> Problem:
    """A problem of a whole file, or at one place of it."""
    line, column = mark if mark else (None, None)
    return Problem(file, line, column, None, code, message)


def errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(p for p in problems if p.severity == "error")


def warnings(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(p for p in problems if p.severity == "warning")


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """Codes that name no rule (a typo in ``--ignore``)."""
    return [code for code in codes if code.upper() not in RULES]


def ignorable(code: str) -> bool:
    """Only warnings can be silenced: an error means the numbers would mislead."""
    rule = RULES.get(code.upper())
    return rule is not None and rule.severity == "warning"
