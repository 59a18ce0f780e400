"""National standards for identifiers: credit codes, organisation codes, identity numbers, area
codes and document numbers (inspection_schema.standards and its Hypothesis strategies)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspection_schema.standards import (
    AREA_PROVINCES,
    FINDING_CODES,
    USCC_ALPHABET,
    USCC_CATEGORIES,
    StandardFinding,
    area_code_findings,
    document_number_findings,
    identity_number_check_character,
    identity_number_findings,
    mask_identity_number,
    organisation_code_check_character,
    organisation_code_findings,
    uscc_check_character,
    uscc_findings,
)
from inspection_schema.testing.standards import (
    area_codes,
    document_numbers,
    identity_numbers,
    organisation_codes,
    unified_social_credit_codes,
)

Check = Callable[[str], tuple[StandardFinding, ...]]

TODAY = datetime.date(2024, 6, 1)


def identity(number: str) -> tuple[StandardFinding, ...]:
    return identity_number_findings(number, today=TODAY)


CHECKS: dict[str, Check] = {
    "uscc": uscc_findings,
    "organisation": organisation_code_findings,
    "identity": identity,
    "area": area_code_findings,
    "document": document_number_findings,
}

# the weights exactly as domain.md §5 writes them, to check the implementation against
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
IDENTITY_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
STRICT_ONLY_CODES = {
    "uscc-check-character",
    "uscc-organisation-code-check-character",
    "organisation-code-check-character",
}


def codes(findings: tuple[StandardFinding, ...]) -> list[str]:
    return [finding.code for finding in findings]


# -- the test vectors of domain.md §5 and other valid values ----------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "91310110666007217T",  # domain.md §5
        "91110108551385082Q",  # a company's code as published on its licence
        "Y13101106660072175",  # department Y, category 1
        "N9310110666007217L",  # agriculture, other
        "11100000000013127D",  # registered nationally (100000)
    ],
)
def test_valid_credit_codes(code: str) -> None:
    assert uscc_findings(code) == ()


@pytest.mark.parametrize("code", ["666007217", "66600721-7", "MA1B2C3D8", "W00000003"])
def test_valid_organisation_codes(code: str) -> None:
    assert organisation_code_findings(code) == ()


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # domain.md §5
        "440524188001010014",  # domain.md §5: born 1880, still a valid number
        "830000199001010012",  # a Taiwan resident's residence permit
    ],
)
def test_valid_identity_numbers(number: str) -> None:
    assert identity(number) == ()


@pytest.mark.parametrize("code", ["110000", "110105", "429004", "710000", "820000", "650000"])
def test_valid_area_codes(code: str) -> None:
    assert area_code_findings(code) == ()


@pytest.mark.parametrize(
    "number",
    ["市妇党〔2024〕3号", "中办发〔2023〕12号", "京政发〔2019〕100号", "国办函A1〔2024〕7号"],
)
def test_valid_document_numbers(number: str) -> None:
    assert document_number_findings(number) == ()


def test_check_characters_of_the_examples() -> None:
    # 66600721: 6·3 + 6·7 + 6·9 + 0·10 + 0·5 + 7·8 + 2·4 + 1·2 = 180, 180 mod 11 = 4, 11 - 4 = 7
    assert organisation_code_check_character("66600721") == "7"
    # MA1B2C3D: 22·3 + 10·7 + 1·9 + 11·10 + 2·5 + 12·8 + 3·4 + 13·2 = 399 ≡ 3, 11 - 3 = 8
    assert organisation_code_check_character("MA1B2C3D") == "8"
    assert uscc_check_character("91310110666007217") == "T"
    assert identity_number_check_character("11010519491231002") == "X"
    assert identity_number_check_character("44052418800101001") == "4"
    for malformed in ("", "1234567", "123456789", "abcdefgh", "6660072!"):
        assert organisation_code_check_character(malformed) is None
    assert uscc_check_character("9131011066600721I") is None
    assert identity_number_check_character("1101051949123100X") is None


def test_weights_are_those_of_the_standards() -> None:
    body = "91310110666007217"
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    assert uscc_check_character(body) == USCC_ALPHABET[(31 - total % 31) % 31]
    body = "11010519491231002"
    total = sum(int(c) * w for c, w in zip(body, IDENTITY_WEIGHTS, strict=True))
    assert identity_number_check_character(body) == "10X98765432"[total % 11]


def _reference_organisation_check(body: str) -> str:
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body]
    check = 11 - sum(v * w for v, w in zip(values, ORGANISATION_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_check_characters_follow_the_formulas(body: str) -> None:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    assert uscc_check_character(body) == USCC_ALPHABET[(31 - total % 31) % 31]
    assert organisation_code_check_character(body[8:16]) == _reference_organisation_check(
        body[8:16]
    )
    digits = "".join(str(USCC_ALPHABET.index(c) % 10) for c in body)
    total = sum(int(c) * w for c, w in zip(digits, IDENTITY_WEIGHTS, strict=True))
    assert identity_number_check_character(digits) == "10X98765432"[total % 11]


# -- every finding code, hand-made ------------------------------------------------------------

# (check, input, the only finding's code, its position); strict_only is asserted to be
# True exactly for STRICT_ONLY_CODES
INVALID: list[tuple[str, str, str, int | None]] = [
    # GB 32100
    ("uscc", "91310110666007217", "uscc-length", None),
    ("uscc", "", "uscc-length", None),
    ("uscc", "91310110666007217t", "uscc-lowercase", 18),
    ("uscc", "91310110666O07217T", "uscc-character", 12),
    ("uscc", "B1310110666007217Q", "uscc-department", 1),
    ("uscc", "94310110666007217H", "uscc-category", 2),
    ("uscc", "Y23101106660072172", "uscc-category", 2),
    ("uscc", "913A01106660072170", "uscc-area-code", 4),
    ("uscc", "9131011066600721A4", "uscc-organisation-code-check-form", 17),
    # position 17 should be 7; position 18 is made right for the wrong 17
    ("uscc", "91310110666007218X", "uscc-organisation-code-check-character", 17),
    ("uscc", "91310110666007217U", "uscc-check-character", 18),
    # GB 11714
    ("organisation", "6660072", "organisation-code-length", None),
    ("organisation", "mA1B2C3D8", "organisation-code-lowercase", 1),
    ("organisation", "6660072!7", "organisation-code-character", 8),
    ("organisation", "66600721Y", "organisation-code-character", 9),  # check: a digit or X
    ("organisation", "666007218", "organisation-code-check-character", 9),
    ("organisation", "66600721-8", "organisation-code-check-character", 10),
    # GB 11643
    ("identity", "11010519491231002", "identity-number-length", None),
    ("identity", "110105491231002", "identity-number-length", None),  # first generation
    ("identity", "1101051949123100AX", "identity-number-character", 17),
    ("identity", "11010519491231002x", "identity-number-lowercase-x", 18),
    ("identity", "190105194912310024", "identity-number-area", None),
    ("identity", "110105194913310021", "identity-number-birth-date", None),  # month 13
    ("identity", "110105194902290010", "identity-number-birth-date", None),  # 29 Feb 1949
    ("identity", "110105203001010028", "identity-number-birth-date-future", None),
    ("identity", "110105194912310021", "identity-number-check-character", 18),
    # GB/T 2260
    ("area", "1101", "area-code-length", None),
    ("area", "11010A", "area-code-character", 6),
    ("area", "190000", "area-code-province", None),
    ("area", "110005", "area-code-county-without-prefecture", None),
    # GB/T 9704
    ("document", "", "document-number-empty", None),
    ("document", " \u3000", "document-number-empty", None),
    ("document", "市妇党〔2024〕 3号", "document-number-whitespace", 10),
    ("document", "市妇党〔２０２４〕3号", "document-number-digit-form", 5),
    ("document", "〔2024〕3号", "document-number-organ-missing", None),
    ("document", "1办〔2024〕3号", "document-number-organ", 1),
    ("document", "市妇-党〔2024〕3号", "document-number-organ", 3),
    ("document", "市妇党3号", "document-number-year-missing", None),
    ("document", "市妇党〔〕3号", "document-number-year-missing", None),
    ("document", "市妇党[2024]3号", "document-number-brackets", 4),
    ("document", "市妇党【2024】3号", "document-number-brackets", 4),
    ("document", "市妇党(2024)3号", "document-number-brackets", 4),
    ("document", "市妇党（2024）3号", "document-number-brackets", 4),
    ("document", "市妇党﹝2024﹞3号", "document-number-brackets", 4),
    ("document", "市妇党〖2024〗3号", "document-number-brackets", 4),
    ("document", "市妇党〔2024]3号", "document-number-brackets", 9),
    ("document", "市妇党[2024〕3号", "document-number-brackets", 4),
    ("document", "市妇党2024〕3号", "document-number-brackets", None),
    ("document", "市妇党〔24〕3号", "document-number-year-digits", None),
    ("document", "市妇党〔2024年〕3号", "document-number-year-form", 9),
    ("document", "市妇党〔2024〕第3号", "document-number-di", 10),
    ("document", "市妇党〔2024〕号", "document-number-serial-missing", None),
    ("document", "市妇党〔2024〕01号", "document-number-leading-zero", 10),
    ("document", "市妇党〔2024〕0号", "document-number-serial-zero", 10),
    ("document", "市妇党〔2024〕3", "document-number-hao-missing", None),
    ("document", "市妇党〔2024〕3号文", "document-number-trailing", 12),
]


@pytest.mark.parametrize(("check", "value", "code", "position"), INVALID)
def test_finding(check: str, value: str, code: str, position: int | None) -> None:
    (finding,) = CHECKS[check](value)
    assert finding.code == code
    assert finding.position == position
    assert finding.strict_only is (code in STRICT_ONLY_CODES)
    assert finding.message
    assert finding.message_zh


def test_every_finding_code_has_a_case() -> None:
    assert {code for _, _, code, _ in INVALID} == set(FINDING_CODES)


def test_several_mistakes_in_one_document_number() -> None:
    findings = document_number_findings("市妇党2024 3号")
    assert codes(findings) == ["document-number-whitespace", "document-number-brackets"]
    assert "〔2024〕" in findings[1].message
    findings = document_number_findings("市妇党【24】第01号")
    assert codes(findings) == [
        "document-number-leading-zero",
        "document-number-di",
        "document-number-brackets",
        "document-number-year-digits",
    ]
    assert [f.position for f in findings] == [9, 8, 4, None]


@pytest.mark.parametrize(
    ("value", "advice"),
    [
        ("市妇党[2024]3号", "〔2024〕"),
        ("市妇党〔2024〕第3号", "3号"),
        ("市妇党〔2024〕03号", "3号"),
        ("市妇党〔2024〕3", "3号"),
        ("市妇党〔24〕3号", "〔2024〕"),
        ("市妇党3号", "〔2024〕"),
    ],
)
def test_document_number_messages_say_what_to_write(value: str, advice: str) -> None:
    (finding,) = document_number_findings(value)
    assert advice in finding.message
    assert advice in finding.message_zh


def test_check_character_messages_give_the_expected_character() -> None:
    (finding,) = uscc_findings("91310110666007217U")
    assert "“T”" in finding.message
    assert "“T”" in finding.message_zh
    (finding,) = identity("110105194912310021")
    assert "“X”" in finding.message


def test_birth_date_today_and_tomorrow() -> None:
    number = "110105202406010005"
    assert identity_number_check_character(number[:17]) == number[17]
    assert identity_number_findings(number, today=datetime.date(2024, 6, 1)) == ()
    assert codes(identity_number_findings(number, today=datetime.date(2024, 5, 31))) == [
        "identity-number-birth-date-future"
    ]


def test_masking() -> None:
    assert mask_identity_number("11010519491231002X") == "110105********002X"
    assert mask_identity_number("110105491231002") == "110105*****1002"
    assert mask_identity_number("12345") == "*****"
    assert mask_identity_number("") == ""


def test_finding_class() -> None:
    finding = StandardFinding(code="uscc-length", message="m", message_zh="中")
    assert finding.position is None
    assert finding.strict_only is False
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.code = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        StandardFinding("uscc-length", False, "m", "中")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="code"):
        StandardFinding(code="Not Kebab", message="m", message_zh="中")


def test_tables() -> None:
    assert len(AREA_PROVINCES) == 34
    assert len(USCC_ALPHABET) == 31
    assert not set("IOSVZ") & set(USCC_ALPHABET)
    assert set(USCC_CATEGORIES) == set("123456789ANY")
    assert set(USCC_CATEGORIES["9"][1]) == {"1", "2", "3"}


# -- check characters catch every single substitution ------------------------------------------


def test_single_substitutions_are_caught_in_principle() -> None:
    """Why the substitution properties below must hold.

    A weighted sum modulo a prime p changes under a substitution at position i by w_i·d, where d
    is the difference of the two values. For GB 32100, p = 31, every weight 3^k is a unit mod 31
    and values lie in 0-30, so 0 < |d| < 31 and w_i·d ≢ 0: the computed check changes, and a
    changed check character itself never equals the computed one. For GB 11643 (ISO 7064
    MOD 11-2), p = 11, the weights 2^k are units mod 11 and digits differ by 1-9: the same.
    """
    assert all(math.gcd(w, 31) == 1 for w in USCC_WEIGHTS)
    assert all((w * d) % 31 for w in USCC_WEIGHTS for d in range(1, 31))
    assert all(math.gcd(w, 11) == 1 for w in IDENTITY_WEIGHTS)
    assert all((w * d) % 11 for w in IDENTITY_WEIGHTS for d in range(1, 10))
    # the 11 sums mod 11 map to 11 different check characters
    assert len(set("10X98765432")) == 11
    # GB 11714 does NOT catch every substitution of its 36 characters: 0 and B (11) differ by 11
    assert organisation_code_check_character("00000000") == organisation_code_check_character(
        "B0000000"
    )


@settings(max_examples=20)
@given(unified_social_credit_codes())
def test_any_single_substitution_in_a_credit_code_is_found(code: str) -> None:
    for index in range(18):
        for replacement in USCC_ALPHABET:
            if replacement != code[index]:
                changed = code[:index] + replacement + code[index + 1 :]
                assert uscc_findings(changed), changed


@settings(max_examples=20)
@given(identity_numbers())
def test_any_single_substitution_in_an_identity_number_is_found(number: str) -> None:
    for index in range(18):
        for replacement in "0123456789X":
            if replacement != number[index]:
                changed = number[:index] + replacement + number[index + 1 :]
                assert identity(changed), changed


# -- the strategies make valid values -----------------------------------------------------------


@given(unified_social_credit_codes())
def test_generated_credit_codes_are_valid(code: str) -> None:
    assert uscc_findings(code) == ()
    assert organisation_code_findings(code[8:17]) == ()


@given(organisation_codes())
def test_generated_organisation_codes_are_valid(code: str) -> None:
    assert organisation_code_findings(code) == ()
    assert organisation_code_findings(f"{code[:8]}-{code[8]}") == ()


@given(identity_numbers())
def test_generated_identity_numbers_are_valid(number: str) -> None:
    assert identity_number_findings(number) == ()


@given(identity_numbers(min_birth=datetime.date(2000, 2, 29), max_birth=datetime.date(2000, 2, 29)))
def test_identity_numbers_respect_the_birth_range(number: str) -> None:
    assert number[6:14] == "20000229"
    assert identity(number) == ()


@given(area_codes())
def test_generated_area_codes_are_valid(code: str) -> None:
    assert area_code_findings(code) == ()


@given(document_numbers())
def test_generated_document_numbers_are_valid(number: str) -> None:
    assert document_number_findings(number) == ()


@given(identity_numbers())
def test_masking_keeps_the_first_six_and_last_four(number: str) -> None:
    masked = mask_identity_number(number)
    assert len(masked) == len(number)
    assert masked[:6] == number[:6]
    assert masked[-4:] == number[-4:]
    assert masked[6:-4] == "*" * 8


# -- any input, no exception --------------------------------------------------------------------

ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=USCC_ALPHABET + "abcxyz-〔〕[]()（）第号年 ", max_size=24),
    st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=20),
)


@settings(max_examples=100)
@given(st.sampled_from(sorted(CHECKS)), ANY_TEXT)
def test_any_text_gives_findings_not_exceptions(check: str, value: str) -> None:
    for finding in CHECKS[check](value):
        assert finding.code in FINDING_CODES
        assert finding.message
        assert finding.message_zh
        assert finding.position is None or 1 <= finding.position <= len(value)
        assert finding.strict_only == (finding.code in STRICT_ONLY_CODES)
        finding.message.encode("utf-8")  # never a lone surrogate in a message
        finding.message_zh.encode("utf-8")
    mask_identity_number(value)


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("value", ["x" * 100_000, "9" * 100_000, "〔" * 50_000, "\ud800", "𠀀𪚥"])
def test_odd_input(check: str, value: str) -> None:
    findings = CHECKS[check](value)
    assert findings
    assert all(len(f.message) < 400 for f in findings)


@given(identity_numbers(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789Xx"))
def test_identity_number_messages_do_not_repeat_the_number(
    number: str, index: int, replacement: str
) -> None:
    changed = number[:index] + replacement + number[index + 1 :]
    for finding in identity(changed):
        for text in (finding.message, finding.message_zh):
            assert changed not in text
            assert changed[6:14] not in text  # the date of birth
