"""The personal-number guard: the check digit of 施行令第8条, and what the scan finds and lets pass."""

import pytest
from helpers import run_build

from shuchi.content.guard import (
    check_digit,
    find_individual_numbers,
    is_individual_number,
)

PUBLISHED_VALID = [
    "621498320257",  # python-stdnum, stdnum/jp/in_.py doctest
    "983205673214",  # Qiita ekzemplaro「マイナンバー(個人番号)の検査用数字の確認方法」
    "123456789018",  # JPMyNumber README; note.com: the sample card's 12345678901x should end in 8
]
PUBLISHED_INVALID = [
    "621498320258",  # python-stdnum: InvalidChecksum
    "983205673210",  # Qiita: 誤り
    "123456789019",  # JPMyNumber: JPMyNumberCheckDigitError
    "123456789012",  # the illustration printed in the sources (seed 001)
]


@pytest.mark.parametrize("number", PUBLISHED_VALID)
def test_published_valid_numbers_pass_the_check(number):
    assert check_digit(number[:11]) == int(number[11])
    assert is_individual_number(number)


@pytest.mark.parametrize("number", PUBLISHED_INVALID)
def test_published_invalid_numbers_fail_the_check(number):
    assert not is_individual_number(number)


def test_the_weights_are_those_of_the_ordinance():
    # Pn counted from the right of the 11 digits; Qn = n+1 (n ≤ 6), n−5 (n ≥ 7)
    for n in range(1, 12):
        eleven = "0" * (11 - n) + "1" + "0" * (n - 1)  # only Pn = 1
        weight = n + 1 if n <= 6 else n - 5
        remainder = weight % 11
        assert check_digit(eleven) == (0 if remainder <= 1 else 11 - remainder)


def test_a_remainder_of_0_or_1_gives_check_digit_0():
    assert check_digit("00000000000") == 0  # Σ = 0
    assert check_digit("00000000006") == 0  # Σ = 6 × 2 = 12, remainder 1
    assert check_digit("00000000001") == 9  # Σ = 2, remainder 2 → 11 − 2


@pytest.mark.parametrize("written", [
    "123456789018",
    "1234 5678 9018",
    "1234-5678-9018",
    "１２３４５６７８９０１８",
    "１２３４－５６７８－９０１８",
    "1234　5678　9018",
    "1234ー5678ー9018",
    "番号:123456789018です",
])
def test_every_usual_way_of_writing_a_number_is_found(written):
    assert [f.masked for f in find_individual_numbers(written)] == ["1234 **** **18"]


@pytest.mark.parametrize("written", [
    "123456789012",           # invalid check digit (the sources' example)
    "1234567890185",          # 13 digits: a 法人番号 is public
    "0123456789018",          # 12 valid digits inside a longer number
    "1234-5678-9018-5",       # a longer hyphenated number
    "9-1234-5678-9018",
    "12345678901",            # 11 digits
    "03-3511-0611 0120-95-0178",
])
def test_what_is_not_a_personal_number_passes(written):
    assert find_individual_numbers(written) == []


def test_findings_carry_their_line_and_never_the_whole_number():
    found = find_individual_numbers("一行目\n二行目 6214 9832 0257\n三行目")
    assert [(f.line, f.masked) for f in found] == [(2, "6214 **** **57")]
    assert "9832" not in found[0].masked


def test_the_default_content_passes_with_the_sources_example_and_a_corporate_number(project):
    topic = project / "content/topics/example.yaml"
    topic.write_text("id: example\nheading: 記入例\nbody: |\n  マイナンバー（例：123456789012）、法人番号 1234567890123\n",
                     encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 0, result.stderr


def test_a_number_in_any_file_of_content_stops_check_with_exit_code_2(project):
    (project / "content/notes.txt").write_text("控え\n山田 9832-0567-3214\n", encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert "content/notes.txt:2: contains an individual number (マイナンバー 9832 **** **14" in result.stderr
    assert "9832-0567-3214" not in result.stderr
