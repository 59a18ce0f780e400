"""Hypothesis strategies for identifiers that meet the national standards, for property tests.

Every value drawn has no findings under :mod:`inspection_schema.standards`: check characters are
computed, not drawn. A plugin's rule that checks identifiers can be tested like this::

    from hypothesis import given
    from inspection_schema.testing.standards import unified_social_credit_codes

    @given(unified_social_credit_codes())
    def test_accepts_valid_codes(code):
        assert not my_rule_findings(code)

The values are well-formed, not real: an area code has the form of GB/T 2260 but need not be on
its list, an identity number names nobody.
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..standards import (
    AREA_PROVINCES,
    USCC_ALPHABET,
    USCC_CATEGORIES,
    identity_number_check_character,
    organisation_code_check_character,
    uscc_check_character,
)

__all__ = [
    "area_codes",
    "document_numbers",
    "identity_numbers",
    "organisation_codes",
    "unified_social_credit_codes",
]


@st.composite
def area_codes(draw: DrawFn) -> str:
    """行政区划代码 (GB/T 2260 form): a province, or a prefecture or county below it."""
    province = draw(st.sampled_from(sorted(AREA_PROVINCES)))
    prefecture = draw(st.integers(min_value=0, max_value=99))
    county = 0 if prefecture == 0 else draw(st.integers(min_value=0, max_value=99))
    return f"{province}{prefecture:02d}{county:02d}"


@st.composite
def organisation_codes(draw: DrawFn) -> str:
    """组织机构代码 (GB 11714), compact (``123456789``), with its check character.

    The body is drawn from the credit-code alphabet (no I, O, S, V, Z), so that every code drawn
    can also sit in positions 9-17 of a unified social credit code.
    """
    body = draw(st.text(alphabet=USCC_ALPHABET, min_size=8, max_size=8))
    check = organisation_code_check_character(body)
    assert check is not None  # the body is 8 characters of the alphabet
    return body + check


@st.composite
def unified_social_credit_codes(draw: DrawFn) -> str:
    """统一社会信用代码 (GB 32100): a known department and category, an area, both checks."""
    department = draw(st.sampled_from(sorted(USCC_CATEGORIES)))
    category = draw(st.sampled_from(sorted(USCC_CATEGORIES[department][1])))
    area = draw(st.one_of(st.just("100000"), area_codes()))  # 100000: registered nationally
    body = f"{department}{category}{area}{draw(organisation_codes())}"
    check = uscc_check_character(body)
    assert check is not None  # the body is 17 characters of the alphabet
    return body + check


@st.composite
def identity_numbers(
    draw: DrawFn,
    min_birth: datetime.date = datetime.date(1900, 1, 1),
    max_birth: datetime.date = datetime.date(2010, 12, 31),
) -> str:
    """公民身份号码 (GB 11643): an area, a birth date in the range given, a sequence, the check.

    The default range lies in the past, so the numbers stay valid whatever ``today`` is.
    """
    area = draw(area_codes())
    born = draw(st.dates(min_value=min_birth, max_value=max_birth))
    sequence = draw(st.integers(min_value=0, max_value=999))
    body = f"{area}{born.year:04d}{born.month:02d}{born.day:02d}{sequence:03d}"
    check = identity_number_check_character(body)
    assert check is not None  # the body is 17 digits
    return body + check


def _ideographs() -> SearchStrategy[str]:
    """Chinese characters, mostly common ones, sometimes rare ones outside the BMP (GB 18030)."""
    return st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    )


@st.composite
def document_numbers(draw: DrawFn) -> str:
    """发文字号 (GB/T 9704): 机关代字〔2024〕3号.

    The issuing organ's abbreviation begins with a Chinese character and goes on with Chinese
    characters, letters and digits; the year is 1949-2099; the serial number 1-9999.
    """
    first = draw(_ideographs())
    rest = draw(
        st.lists(
            st.one_of(_ideographs(), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789")),
            max_size=6,
        )
    )
    year = draw(st.integers(min_value=1949, max_value=2099))
    serial = draw(st.integers(min_value=1, max_value=9999))
    return f"{first}{''.join(rest)}〔{year}〕{serial}号"
