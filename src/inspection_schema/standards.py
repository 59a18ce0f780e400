"""National standards (国家标准) for the identifiers that exchanged records carry.

Records exchanged between offices name organisations by their unified social credit code,
people (in internal records only) by their citizen identity number, places by their
administrative-division code and documents by their document number. One mistyped character
breaks matching across systems, so the validation rules check them. The checks live here as pure
functions that *return* findings (:class:`StandardFinding`) instead of raising, so that a rule
(:mod:`inspection_schema.builtin`) chooses the severity and the place it reports them. A finding
marked ``strict_only`` is one that a lenient mode reports as a warning: a wrong check character
in an otherwise well-formed code (some early real credit codes fail their checks).

Which standard each function follows:

- :func:`uscc_findings`: 统一社会信用代码, GB 32100-2015 (with GB 11714 inside it);
- :func:`organisation_code_findings`: 组织机构代码, GB 11714-1997;
- :func:`identity_number_findings`, :func:`mask_identity_number`: 公民身份号码, GB 11643-1999
  (check character ISO 7064 MOD 11-2, as GB/T 17710);
- :func:`area_code_findings`: 行政区划代码, GB/T 2260 (the form only, not the yearly list);
- :func:`document_number_findings`: 发文字号, GB/T 9704-2012 section 7.2.4.

Every function accepts any ``str`` (empty, very long, any script, lone surrogates) and never
raises. Messages never repeat an identity number or its birth date: findings end up in reports.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Final

from attrs import field, frozen, validators

__all__ = [
    "AREA_PROVINCES",
    "FINDING_CODES",
    "USCC_ALPHABET",
    "USCC_CATEGORIES",
    "StandardFinding",
    "area_code_findings",
    "document_number_findings",
    "identity_number_check_character",
    "identity_number_findings",
    "mask_identity_number",
    "organisation_code_check_character",
    "organisation_code_findings",
    "uscc_check_character",
    "uscc_findings",
]


@frozen(kw_only=True)
class StandardFinding:
    """标准符合性问题: one way an identifier departs from its national standard."""

    code: str = field(validator=validators.matches_re(r"[a-z0-9]+(?:-[a-z0-9]+)*"))
    """A short, stable kebab-case name of the kind of finding (see :data:`FINDING_CODES`)."""
    strict_only: bool = False
    """True when a lenient mode reports it as a warning instead of an error."""
    message: str
    """What is wrong and what to write instead, in English."""
    message_zh: str
    """The same for office staff, in Chinese."""
    position: int | None = None
    """The 1-based position of the character at fault, when one character is."""


FINDING_CODES: Final[Mapping[str, str]] = {
    # GB 32100-2015 unified social credit code
    "uscc-length": "a credit code does not have 18 characters",
    "uscc-lowercase": "a credit code has a lower-case letter (write it in upper case)",
    "uscc-character": "a credit code has a character outside its alphabet (no I, O, S, V, Z)",
    "uscc-department": "position 1 is not a registering-department code",
    "uscc-category": "position 2 is not an organisation category of the registering department",
    "uscc-area-code": "positions 3-8 are not six digits",
    "uscc-organisation-code-check-form": "position 17, the organisation code's check, is not 0-9/X",
    "uscc-organisation-code-check-character": "the embedded organisation code's check is wrong",
    "uscc-check-character": "the credit code's check character (position 18) is wrong",
    # GB 11714-1997 organisation code
    "organisation-code-length": "an organisation code does not have 8 + 1 characters",
    "organisation-code-lowercase": "an organisation code has a lower-case letter",
    "organisation-code-character": "an organisation code has a character outside its alphabet",
    "organisation-code-check-character": "an organisation code's check character is wrong",
    # GB 11643-1999 citizen identity number
    "identity-number-length": "an identity number does not have 18 characters",
    "identity-number-character": "an identity number has a character other than digits and final X",
    "identity-number-lowercase-x": "an identity number ends in a lower-case x (write X)",
    "identity-number-area": "an identity number's first six digits are not an area code form",
    "identity-number-birth-date": "an identity number's positions 7-14 are not a real date",
    "identity-number-birth-date-future": "an identity number's birth date is in the future",
    "identity-number-check-character": "an identity number's check character is wrong",
    # GB/T 2260 administrative-division code
    "area-code-length": "an area code does not have 6 characters",
    "area-code-character": "an area code has a character other than a digit",
    "area-code-province": "an area code's first two digits are not a province-level code",
    "area-code-county-without-prefecture": "an area code names a county under prefecture 00",
    # GB/T 9704-2012 document number
    "document-number-empty": "a document number is empty",
    "document-number-whitespace": "a document number contains spaces",
    "document-number-digit-form": "a document number uses digits other than 0-9 (full-width)",
    "document-number-organ-missing": "a document number has no issuing-organ abbreviation",
    "document-number-organ": "the issuing-organ abbreviation has a character it cannot have",
    "document-number-year-missing": "a document number has no year",
    "document-number-brackets": "the year is not in hexagonal brackets 〔〕",
    "document-number-year-digits": "the year does not have four digits",
    "document-number-year-form": "the year in brackets is not only digits",
    "document-number-di": "the serial number has 第 before it",
    "document-number-serial-missing": "a document number has no serial number",
    "document-number-leading-zero": "the serial number has a leading zero",
    "document-number-serial-zero": "the serial number is zero",
    "document-number-hao-missing": "the serial number is not followed by 号",
    "document-number-trailing": "something follows 号",
}
"""Every finding code the functions here return, with its meaning in one line."""


# -- helpers -----------------------------------------------------------------------------------

_DIGITS: Final = "0123456789"
_ASCII_UPPER: Final = str.maketrans(
    "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)  # str.upper would turn "ß" into "SS" and move every later position


def _show(character: str) -> str:
    """A character as a message can quote it: “I”, or U+3000 for the invisible ones."""
    if character.isprintable() and not character.isspace():
        return f"“{character}”"
    return f"U+{ord(character):04X}"


def _clip(text: str, limit: int = 16) -> str:
    """A part of the input short enough to quote in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finding(
    code: str,
    message: str,
    message_zh: str,
    position: int | None = None,
    *,
    strict_only: bool = False,
) -> StandardFinding:
    return StandardFinding(
        code=code,
        strict_only=strict_only,
        message=message,
        message_zh=message_zh,
        position=position,
    )


def _first(text: str, allowed: str, start: int = 0) -> int | None:
    """The index of the first character of ``text[start:]`` not in ``allowed``."""
    for index in range(start, len(text)):
        if text[index] not in allowed:
            return index
    return None


# -- GB/T 2260 administrative-division codes ----------------------------------------------------

AREA_PROVINCES: Final[Mapping[str, str]] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}
"""The 34 province-level codes of GB/T 2260 (省级行政区划代码): an area code's first two digits."""


def area_code_findings(code: str) -> tuple[StandardFinding, ...]:
    """行政区划代码 (GB/T 2260): the form of a six-digit administrative-division code.

    Checked: six digits; the province part (digits 1-2) is one of the 34 province-level codes
    (:data:`AREA_PROVINCES`); a county part (digits 5-6) other than 00 needs a prefecture part
    (digits 3-4) other than 00. Not checked, on purpose: whether the code is on a code list. The
    list changes every year (counties merge, districts are renamed and renumbered) and a retired
    code stays valid in a record made while it was in force, so a list check would reject true
    historical records.
    """
    if len(code) != 6:
        bad = _first(code, _DIGITS)
        findings = [
            _finding(
                "area-code-length",
                f"an administrative-division code has 6 digits, this one has {len(code)} "
                "characters",
                f"行政区划代码应为6位数字，此处为{len(code)}位",
            )
        ]
        if bad is not None:
            findings.append(_area_character(code, bad))
        return tuple(findings)
    bad = _first(code, _DIGITS)
    if bad is not None:
        return (_area_character(code, bad),)
    findings = []
    if code[:2] not in AREA_PROVINCES:
        findings.append(
            _finding(
                "area-code-province",
                f"an administrative-division code begins with a province-level code (11 Beijing "
                f"… 82 Macao); {code[:2]} is none",
                f"行政区划代码前两位应为省级代码（如11北京、44广东），“{code[:2]}”不是省级代码",
            )
        )
    if code[2:4] == "00" and code[4:6] != "00":
        findings.append(
            _finding(
                "area-code-county-without-prefecture",
                f"a county-level code needs its prefecture part: {code[:2]}00{code[4:]} has "
                "prefecture 00 under county "
                f"{code[4:]} (write {code[:2]}0000 for the province or give the prefecture)",
                f"县级代码须有地级部分：“{code}”的第3-4位为00而第5-6位不为00",
            )
        )
    return tuple(findings)


def _area_character(code: str, index: int) -> StandardFinding:
    return _finding(
        "area-code-character",
        f"an administrative-division code has only the digits 0-9; position {index + 1} is "
        f"{_show(code[index])}",
        f"行政区划代码只含数字0-9，第{index + 1}位为{_show(code[index])}",
        index + 1,
    )


# -- GB 11714-1997 organisation codes ------------------------------------------------------------

_ORGANISATION_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)
_ORGANISATION_BODY: Final = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORGANISATION_CHECK: Final = _DIGITS + "X"


def organisation_code_check_character(body: str) -> str | None:
    """The GB 11714 check character of an 8-character body, or None if the body is malformed.

    Weights 3, 7, 9, 10, 5, 8, 4, 2; digits count as themselves, letters A=10 … Z=35;
    C = 11 - (sum mod 11), written X for 10 and 0 for 11.
    """
    if len(body) != 8 or _first(body, _ORGANISATION_BODY) is not None:
        return None
    total = sum(
        _ORGANISATION_BODY.index(character) * weight
        for character, weight in zip(body, _ORGANISATION_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def organisation_code_findings(code: str) -> tuple[StandardFinding, ...]:
    """组织机构代码 (GB 11714-1997): 8 body characters and a check character.

    The body is digits and upper-case letters, the check character a digit or X. The printed form
    with a hyphen before the check character (``12345678-9``) is accepted as the same code.
    A wrong check character is ``strict_only``, as in a credit code (:func:`uscc_findings`).
    """
    findings: list[StandardFinding] = []
    upper = code.translate(_ASCII_UPPER)
    if upper != code:
        index = next(i for i, (a, b) in enumerate(zip(code, upper, strict=True)) if a != b)
        findings.append(
            _finding(
                "organisation-code-lowercase",
                f"write the letters of an organisation code in upper case: "
                f"{_show(upper[index])}, not {_show(code[index])}, at position {index + 1}",
                f"组织机构代码的字母应大写：第{index + 1}位应为{_show(upper[index])}",
                index + 1,
            )
        )
    # the hyphenated form: 12345678-9; the hyphen is skipped but positions stay the input's
    hyphenated = len(upper) == 10 and upper[8] == "-"
    indices = [i for i in range(len(upper)) if not (hyphenated and i == 8)]
    compact = "".join(upper[i] for i in indices)
    if len(compact) != 9:
        findings.append(
            _finding(
                "organisation-code-length",
                "an organisation code has 9 characters (8 and a check character, written "
                f"12345678-9 or 123456789); this one has {len(code)}",
                f"组织机构代码应为9位（8位本体代码和1位校验码），此处为{len(code)}位",
            )
        )
    for index, character in enumerate(compact):
        allowed = _ORGANISATION_CHECK if index == 8 else _ORGANISATION_BODY
        if character not in allowed:
            position = indices[index] + 1
            what = (
                "the check character is a digit or X"
                if index == 8
                else "the body has digits and upper-case letters only"
            )
            what_zh = "校验码为数字或X" if index == 8 else "本体代码只含数字和大写字母"
            findings.append(
                _finding(
                    "organisation-code-character",
                    f"{what}; position {position} is {_show(code[position - 1])}",
                    f"{what_zh}，第{position}位为{_show(code[position - 1])}",
                    position,
                )
            )
            break
    if findings and any(f.code != "organisation-code-lowercase" for f in findings):
        return tuple(findings)
    expected = organisation_code_check_character(compact[:8])
    if expected is not None and compact[8] != expected:
        position = indices[8] + 1
        findings.append(
            _finding(
                "organisation-code-check-character",
                f"the check character of this organisation code is {_show(expected)}, not "
                f"{_show(compact[8])} (GB 11714); one of the characters is probably mistyped",
                f"组织机构代码校验码应为{_show(expected)}而非{_show(compact[8])}，"
                "可能有字符录入错误",
                position,
                strict_only=True,
            )
        )
    return tuple(findings)


# -- GB 32100-2015 unified social credit codes --------------------------------------------------

USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of a credit code, in the order of their values 0-30 (no I, O, S, V, Z)."""

_USCC_WEIGHTS: Final = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, …, 28

# 登记管理部门代码 and 机构类别代码 (GB 32100-2015 appendix A, as amended). The standard's own
# text could not be consulted here; the table is the one that independent secondary sources
# reproduce alike: the npm package uscc-utils 0.7.0 (its USCC_CATEGORY_MAP, which credits the
# Wikisource transcription of GB 32100-2015) and public explanatory pages (e.g.
# blog.csdn.net/lh1424573495/article/details/108776492, "统一社会信用代码解析登记管理部门和机构
# 类别"). They differ only for Y (其他): the pages say 不再具体划分机构类别，统一用1表示, which is
# followed here. Department codes are assigned by the coding authority and the list has grown
# since 2015 (A, N); a code of a department added later is reported until the table is extended.
USCC_CATEGORIES: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体",
                       "9": "其他"}),
    "2": ("外交", {"1": "外国常住新闻机构", "9": "其他"}),
    "3": ("司法行政", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所",
                       "4": "司法鉴定机构", "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构",
                   "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织",
                   "9": "其他"}),
    "Y": ("其他", {"1": "其他（不再划分机构类别）"}),
}  # fmt: skip
"""登记管理部门码 → (department, 机构类别码 → category) of a credit code's positions 1 and 2."""


def uscc_check_character(body: str) -> str | None:
    """The GB 32100 check character of a 17-character body, or None if the body is malformed.

    Values 0-30 in the order of :data:`USCC_ALPHABET`, weights 3^(i-1) mod 31;
    C18 = 31 - (sum mod 31), written 0 for 31.
    """
    if len(body) != 17 or _first(body, USCC_ALPHABET) is not None:
        return None
    total = sum(
        USCC_ALPHABET.index(character) * weight
        for character, weight in zip(body, _USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_findings(code: str) -> tuple[StandardFinding, ...]:
    """统一社会信用代码 (GB 32100-2015): the 18-character credit code of an organisation.

    Checked: 18 characters of :data:`USCC_ALPHABET` (upper case); position 1 a registering
    department (登记管理部门码) and position 2 one of its organisation categories (机构类别码),
    per :data:`USCC_CATEGORIES`; positions 3-8 six digits (the registering authority's
    administrative-division code; only the form, since 100000 stands for national registration
    and the list changes, see :func:`area_code_findings`); position 17 the check character of the
    embedded GB 11714 organisation code (positions 9-17); position 18 the code's own check
    character. The two check-character findings are ``strict_only``: some early real codes fail
    them and a lenient mode reports them as warnings.
    """
    findings: list[StandardFinding] = []
    upper = code.translate(_ASCII_UPPER)
    if upper != code:
        index = next(i for i, (a, b) in enumerate(zip(code, upper, strict=True)) if a != b)
        findings.append(
            _finding(
                "uscc-lowercase",
                "write the letters of a unified social credit code in upper case: "
                f"{_show(upper[index])}, not {_show(code[index])}, at position {index + 1}",
                f"统一社会信用代码的字母应大写：第{index + 1}位应为{_show(upper[index])}",
                index + 1,
            )
        )
    if len(upper) != 18:
        findings.append(
            _finding(
                "uscc-length",
                f"a unified social credit code has 18 characters, this one has {len(code)}",
                f"统一社会信用代码应为18位，此处为{len(code)}位",
            )
        )
    bad = _first(upper, USCC_ALPHABET)
    if bad is not None:
        findings.append(
            _finding(
                "uscc-character",
                "a unified social credit code has the digits and the letters A-H, J-N, P-R, T, "
                f"U, W-Y only (never I, O, S, V, Z); position {bad + 1} is {_show(code[bad])}",
                "统一社会信用代码只含数字和大写字母（不使用I、O、S、V、Z），"
                f"第{bad + 1}位为{_show(code[bad])}",
                bad + 1,
            )
        )
    if len(upper) != 18:
        return tuple(findings)

    department = USCC_CATEGORIES.get(upper[0])
    if department is None and upper[0] in USCC_ALPHABET:
        findings.append(
            _finding(
                "uscc-department",
                f"position 1 is the registering department (1-9, A, N, Y); {_show(code[0])} is "
                "none of them",
                f"第1位为登记管理部门码（1-9、A、N、Y），{_show(code[0])}不是登记管理部门码",
                1,
            )
        )
    elif department is not None and upper[1] not in department[1] and upper[1] in USCC_ALPHABET:
        name, categories = department
        allowed = ", ".join(categories)
        findings.append(
            _finding(
                "uscc-category",
                f"position 2 is the organisation category; department {upper[0]} ({name}) has "
                f"the categories {allowed}, not {_show(code[1])}",
                f"第2位为机构类别码，登记管理部门“{name}”的机构类别码为{'、'.join(categories)}，"
                f"不含{_show(code[1])}",
                2,
            )
        )
    area_bad = next(
        (i for i in range(2, 8) if upper[i] in USCC_ALPHABET and upper[i] not in _DIGITS), None
    )
    if area_bad is not None:
        findings.append(
            _finding(
                "uscc-area-code",
                "positions 3-8 are the registering authority's administrative-division code, six "
                f"digits; position {area_bad + 1} is {_show(code[area_bad])}",
                f"第3-8位为登记管理机关行政区划码，应为6位数字，第{area_bad + 1}位为"
                f"{_show(code[area_bad])}",
                area_bad + 1,
            )
        )
    organisation_form = upper[16] in _ORGANISATION_CHECK
    if not organisation_form and upper[16] in USCC_ALPHABET:
        findings.append(
            _finding(
                "uscc-organisation-code-check-form",
                "position 17 is the check character of the organisation code (positions 9-17), "
                f"a digit or X; it is {_show(code[16])}",
                f"第17位为组织机构代码（第9-17位）的校验码，应为数字或X，此处为{_show(code[16])}",
                17,
            )
        )
    if bad is not None:
        return tuple(findings)
    if organisation_form:
        expected_organisation = organisation_code_check_character(upper[8:16])
        if expected_organisation is not None and upper[16] != expected_organisation:
            findings.append(
                _finding(
                    "uscc-organisation-code-check-character",
                    "position 17, the check character of the organisation code (positions 9-17, "
                    f"GB 11714), is {_show(expected_organisation)} for this code, not "
                    f"{_show(upper[16])}; a character is probably mistyped",
                    f"第17位组织机构代码校验码应为{_show(expected_organisation)}而非"
                    f"{_show(upper[16])}，可能有字符录入错误",
                    17,
                    strict_only=True,
                )
            )
    expected = uscc_check_character(upper[:17])
    if expected is not None and upper[17] != expected:
        findings.append(
            _finding(
                "uscc-check-character",
                f"position 18, the check character, is {_show(expected)} for this code, not "
                f"{_show(upper[17])} (GB 32100); a character is probably mistyped",
                f"第18位校验码应为{_show(expected)}而非{_show(upper[17])}，可能有字符录入错误",
                18,
                strict_only=True,
            )
        )
    return tuple(findings)


# -- GB 11643-1999 citizen identity numbers -----------------------------------------------------

_IDENTITY_WEIGHTS: Final = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, …, 2
_IDENTITY_CHECKS: Final = "10X98765432"
# 港澳台居民居住证 numbers follow GB 11643 with the area 810000, 820000 or 830000; 83 is no
# province code of GB/T 2260, so it is allowed here as a whole.
_IDENTITY_EXTRA_AREAS: Final = frozenset({"830000"})


def identity_number_check_character(body: str) -> str | None:
    """The GB 11643 check character of a 17-digit body, or None if the body is malformed.

    ISO 7064 MOD 11-2: weights 2^(18-i) mod 11 (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4,
    2), check = "10X98765432"[sum mod 11].
    """
    if len(body) != 17 or _first(body, _DIGITS) is not None:
        return None
    total = sum(int(d) * w for d, w in zip(body, _IDENTITY_WEIGHTS, strict=True))
    return _IDENTITY_CHECKS[total % 11]


def identity_number_findings(
    number: str, *, today: datetime.date | None = None
) -> tuple[StandardFinding, ...]:
    """公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, check.

    Checked: 18 characters, digits with a final digit or X (a lower-case x is a finding of its
    own); the area part has the form of a GB/T 2260 code (:func:`area_code_findings`, plus
    830000 of Taiwan residents' residence permits); the birth date is a real date not after
    ``today`` (default: the machine's date); the ISO 7064 MOD 11-2 check character. The
    15-digit first-generation numbers (GB 11643-1989) are reported as of the wrong length.

    Personal data: the messages never quote the number or its date of birth.
    """
    findings: list[StandardFinding] = []
    if len(number) != 18:
        old = " (a 15-digit number is of the first generation; write the 18-digit one)"
        old_zh = "（15位为第一代身份证号码，应填写18位号码）"
        findings.append(
            _finding(
                "identity-number-length",
                f"a citizen identity number has 18 characters, this one has {len(number)}"
                + (old if len(number) == 15 else ""),
                f"公民身份号码应为18位，此处为{len(number)}位"
                + (old_zh if len(number) == 15 else ""),
            )
        )
    if len(number) == 18 and number[17] == "x":
        findings.append(
            _finding(
                "identity-number-lowercase-x",
                "write the check character X in upper case (position 18)",
                "校验码X应大写（第18位）",
                18,
            )
        )
    normal = number[:17] + number[17:].replace("x", "X", 1) if len(number) == 18 else number
    bad = next(
        (
            i
            for i, character in enumerate(normal)
            if character not in (_DIGITS + "X" if i == 17 else _DIGITS)
        ),
        None,
    )
    if bad is not None:
        findings.append(
            _finding(
                "identity-number-character",
                "a citizen identity number has digits only, except that the last character may "
                f"be X; position {bad + 1} is {_show(number[bad])}",
                f"公民身份号码只含数字，仅末位可为X，第{bad + 1}位为{_show(number[bad])}",
                bad + 1,
            )
        )
    if len(number) != 18 or bad is not None:
        return tuple(findings)

    if normal[:6] not in _IDENTITY_EXTRA_AREAS:
        for area in area_code_findings(normal[:6]):
            findings.append(
                _finding(
                    "identity-number-area",
                    f"positions 1-6 are the area code of the household registration: "
                    f"{area.message}",
                    f"第1-6位为常住户口所在地行政区划代码：{area.message_zh}",
                )
            )
    try:
        born = datetime.date(int(normal[6:10]), int(normal[10:12]), int(normal[12:14]))
    except ValueError:
        findings.append(
            _finding(
                "identity-number-birth-date",
                "positions 7-14 are the date of birth, YYYYMMDD, and must be a real date",
                "第7-14位为出生日期（年月日，YYYYMMDD），应为真实存在的日期",
            )
        )
    else:
        if born > (today if today is not None else datetime.date.today()):
            findings.append(
                _finding(
                    "identity-number-birth-date-future",
                    "positions 7-14, the date of birth, lie in the future",
                    "第7-14位出生日期晚于当前日期",
                )
            )
    expected = identity_number_check_character(normal[:17])
    if expected is not None and normal[17] != expected:
        findings.append(
            _finding(
                "identity-number-check-character",
                f"position 18, the check character, is {_show(expected)} for this number, not "
                f"{_show(normal[17])} (GB 11643); a digit is probably mistyped",
                f"第18位校验码应为{_show(expected)}而非{_show(normal[17])}，可能有数字录入错误",
                18,
            )
        )
    return tuple(findings)


def mask_identity_number(number: str) -> str:
    """公民身份号码脱敏: keep the first 6 and last 4 characters, a star for each of the rest.

    ``11010519491231002X`` becomes ``110105********002X``. A value shorter than 15 characters
    (no identity number of either generation) is masked whole, as it is unclear what it holds.
    """
    if len(number) < 15:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


# -- GB/T 9704-2012 document numbers ------------------------------------------------------------

# Brackets written instead of 〔〕 (U+3014, U+3015): square, lenticular, round (half and full
# width), angle, and the small and white tortoise-shell brackets that look alike.
_OPEN_BRACKETS: Final = "〔[【(（［〖﹝{｛<＜《〈「『⦗⟮⟬〘"
_CLOSE_BRACKETS: Final = "〕]】)）］〗﹞}｝>＞》〉」』⦘⟯⟭〙"
_LETTERS_DIGITS: Final = re.compile(r"[A-Za-z0-9]")


def _is_cjk(character: str) -> bool:
    """A CJK unified or compatibility ideograph, including the supplementary planes (GB 18030)."""
    point = ord(character)
    return (
        0x3400 <= point <= 0x4DBF
        or 0x4E00 <= point <= 0x9FFF
        or 0xF900 <= point <= 0xFAFF
        or 0x20000 <= point <= 0x3FFFD
    )


def document_number_findings(number: str) -> tuple[StandardFinding, ...]:
    """发文字号 (GB/T 9704-2012 7.2.4): 机关代字〔2024〕3号.

    The issuing organ's abbreviation (机关代字: a Chinese character first, then Chinese
    characters, letters or digits), the year in full with four digits in hexagonal brackets
    〔〕 (U+3014, U+3015), and the serial number without 第 and without leading zeros (不编虚位),
    followed by 号. Each kind of mistake has its own finding, whose message says what to write.
    """
    if not number.strip():
        return (
            _finding(
                "document-number-empty",
                "the document number is empty; write it as 机关代字〔2024〕3号",
                "发文字号为空，应写作“机关代字〔2024〕3号”",
            ),
        )
    findings: list[StandardFinding] = []
    # the text without white space and with ASCII digits; original[k] is the input index of text[k]
    kept: list[str] = []
    original: list[int] = []
    space: int | None = None
    digit_form: int | None = None
    breaks: set[int] = set()  # text indices that had white space before them: digits end there
    gap = False
    for index, character in enumerate(number):
        if character.isspace():
            space = index if space is None else space
            gap = True
            continue
        if character.isdecimal() and character not in _DIGITS:
            digit_form = index if digit_form is None else digit_form
            character = str(int(character))
        if gap:
            breaks.add(len(kept))
            gap = False
        kept.append(character)
        original.append(index)
    text = "".join(kept)

    def at(k: int) -> int:
        return original[k] + 1

    if space is not None:
        findings.append(
            _finding(
                "document-number-whitespace",
                f"a document number has no spaces (position {space + 1}); write it without "
                "spaces, as 机关代字〔2024〕3号",
                f"发文字号中不应有空格（第{space + 1}位），应连写为“机关代字〔2024〕3号”",
                space + 1,
            )
        )
    if digit_form is not None:
        findings.append(
            _finding(
                "document-number-digit-form",
                f"write the digits as ordinary Arabic digits 0-9, not {_show(number[digit_form])} "
                f"(position {digit_form + 1})",
                f"数字应使用半角阿拉伯数字0-9，第{digit_form + 1}位为{_show(number[digit_form])}",
                digit_form + 1,
            )
        )

    # 号 and what follows it
    end = text.rfind("号")
    if end == -1:
        end = len(text)
        hao = False
    else:
        hao = True
        if end != len(text) - 1:
            findings.append(
                _finding(
                    "document-number-trailing",
                    f"a document number ends with 号; remove “{_clip(text[end + 1 :])}” after it",
                    f"发文字号以“号”字结尾，应删去其后的“{_clip(text[end + 1 :])}”",
                    at(end + 1),
                )
            )

    # the serial number
    start = _digits_before(text, end, breaks)
    serial = text[start:end]
    written = serial.lstrip("0")
    if not serial:
        findings.append(
            _finding(
                "document-number-serial-missing",
                "a document number ends with the serial number and 号, as in 〔2024〕3号",
                "发文字号缺少发文顺序号，应写作“〔2024〕3号”",
            )
        )
    elif not written:
        findings.append(
            _finding(
                "document-number-serial-zero",
                "serial numbers begin at 1; 0 is no serial number",
                "发文顺序号从1起编，不能为0",
                at(start),
            )
        )
    elif written != serial:
        findings.append(
            _finding(
                "document-number-leading-zero",
                f"write the serial number without leading zeros: {_clip(written)}号, not "
                f"{_clip(serial)}号",
                f"发文顺序号不编虚位，应写作“{_clip(written)}号”而非“{_clip(serial)}号”",
                at(start),
            )
        )
    shown_serial = _clip(written) if written else "3"
    if not hao:
        findings.append(
            _finding(
                "document-number-hao-missing",
                f"write 号 after the serial number: {shown_serial}号",
                f"发文顺序号后应加“号”字，写作“{shown_serial}号”",
            )
        )
    head_end = start
    if head_end > 0 and text[head_end - 1] == "第":
        head_end -= 1
        findings.append(
            _finding(
                "document-number-di",
                f"write the serial number without 第: {shown_serial}号, not 第{shown_serial}号",
                f"发文顺序号前不加“第”字，应写作“{shown_serial}号”",
                at(head_end),
            )
        )

    # the year
    organ_end, year_findings = _document_year(text, head_end, breaks, at)
    findings.extend(year_findings)

    # the issuing organ's abbreviation
    organ = text[:organ_end]
    if not organ:
        findings.append(
            _finding(
                "document-number-organ-missing",
                "a document number begins with the issuing organ's abbreviation (机关代字), as "
                "in 中办发〔2024〕3号",
                "发文字号缺少发文机关代字，应写作如“中办发〔2024〕3号”",
            )
        )
    else:
        wrong = next(
            (
                k
                for k, character in enumerate(organ)
                if not (_is_cjk(character) or (k > 0 and _LETTERS_DIGITS.fullmatch(character)))
            ),
            None,
        )
        if wrong is not None:
            findings.append(
                _finding(
                    "document-number-organ",
                    "the issuing organ's abbreviation (机关代字) begins with a Chinese character "
                    "and has only Chinese characters, letters and digits; position "
                    f"{at(wrong)} is {_show(text[wrong])}",
                    "发文机关代字应以汉字开头，只含汉字、字母和数字，"
                    f"第{at(wrong)}位为{_show(text[wrong])}",
                    at(wrong),
                )
            )
    return tuple(findings)


def _digits_before(text: str, end: int, breaks: set[int]) -> int:
    """Where the run of digits ending at ``end`` begins (a run ends where white space was)."""
    start = end
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
        if start in breaks:
            break
    return start


def _document_year(
    text: str, head_end: int, breaks: set[int], at: Callable[[int], int]
) -> tuple[int, list[StandardFinding]]:
    """Where the organ's abbreviation ends, and the findings about the year before ``head_end``."""
    findings: list[StandardFinding] = []
    close: int | None = None
    opening: int | None = None
    if head_end > 0 and text[head_end - 1] in _CLOSE_BRACKETS:
        close = head_end - 1
        opening = next((k for k in range(close - 1, -1, -1) if text[k] in _OPEN_BRACKETS), None)
        if opening is None:
            year_start = _digits_before(text, close, breaks)
            organ_end = year_start
        else:
            year_start = opening + 1
            organ_end = opening
        year = text[year_start:close]
    elif head_end > 0 and text[head_end - 1] in _OPEN_BRACKETS:
        opening = head_end - 1
        year_start = head_end
        year = ""
        organ_end = opening
    else:
        year_start = _digits_before(text, head_end, breaks)
        if head_end - year_start == 4:  # a year written without brackets
            year = text[year_start:head_end]
            findings.append(
                _finding(
                    "document-number-brackets",
                    f"write the year in hexagonal brackets 〔〕 (U+3014, U+3015): 〔{year}〕",
                    f"年份应用六角括号“〔〕”括入，写作“〔{year}〕”",
                )
            )
            return year_start, findings
        findings.append(
            _finding(
                "document-number-year-missing",
                "a document number has the year in hexagonal brackets after the organ's "
                "abbreviation, as in 机关代字〔2024〕3号",
                "发文字号缺少年份，应写作“机关代字〔2024〕3号”",
            )
        )
        return head_end, findings

    shown = year if len(year) == 4 and not any(c not in _DIGITS for c in year) else "2024"
    if opening is None or close is None or text[opening] != "〔" or text[close] != "〕":
        wrong: int | None = None
        if opening is not None and text[opening] != "〔":
            wrong = opening
        elif close is not None and text[close] != "〕":
            wrong = close
        written = (
            (text[opening] if opening is not None else "")
            + _clip(year)
            + (text[close] if close is not None else "")
        )
        findings.append(
            _finding(
                "document-number-brackets",
                f"write the year in hexagonal brackets 〔〕 (U+3014, U+3015): 〔{shown}〕, not "
                f"{written}",
                f"年份应用六角括号“〔〕”括入，写作“〔{shown}〕”而非“{written}”",
                at(wrong) if wrong is not None else None,
            )
        )
    if not year:
        findings.append(
            _finding(
                "document-number-year-missing",
                "the brackets hold the year in full, as in 〔2024〕",
                "发文字号缺少年份，括号内应写年份全称，如“〔2024〕”",
            )
        )
    elif any(c not in _DIGITS for c in year):
        wrong_index = next(k for k in range(len(year)) if year[k] not in _DIGITS)
        position = at(year_start + wrong_index)
        findings.append(
            _finding(
                "document-number-year-form",
                "the brackets hold only the year's four digits, as in 〔2024〕; position "
                f"{position} is {_show(year[wrong_index])}",
                f"括号内只写四位年份数字，如“〔2024〕”，第{position}位为{_show(year[wrong_index])}",
                position,
            )
        )
    elif len(year) != 4:
        findings.append(
            _finding(
                "document-number-year-digits",
                f"write the year in full with four digits, as in 〔2024〕, not 〔{_clip(year)}〕",
                f"年份应标全称（四位数字），如“〔2024〕”，而非“〔{_clip(year)}〕”",
            )
        )
    return organ_end, findings
