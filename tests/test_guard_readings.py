"""The personal-number guard reads 12 digits every way a reader could (second hostile review, new cases): any
separator between groups, compatibility digits, a row number written before the number, a link around part of
it; and, as ever, not two phone numbers or a hyphenated 13-digit number. Masking never lets one through."""

import pytest

from shuchi.content.guard import find_individual_numbers, redact

NUMBER = "983205673214"  # a valid check digit
G = [NUMBER[:4], NUMBER[4:8], NUMBER[8:]]
MASKED = "9832 **** **14"


@pytest.mark.parametrize("written", [
    "     ".join(G),                                   # justified text: five spaces
    "／".join(G), "/".join(G), ".".join(G), "・".join(G), "～".join(G), "，".join(G),
    ",".join(G),                                       # three CSV cells, as the row reads
    f"({G[0]}){G[1]}-{G[2]}",
    "\u0332".join(NUMBER),                             # a combining underline on every digit
    "\ufe0f".join(NUMBER),                             # variation selectors
    "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(c)] for c in NUMBER),     # superscript digits (NFKC)
    "".join(chr(0x2460 + int(c) - 1) if c != "0" else "⓪" for c in NUMBER),  # circled digits
    f"1 {NUMBER}",                                     # a row number before it
    f"2024/8/8: {G[0]} {G[1]} {G[2]}",
    f"{'/'.join(G)}。2024年8月8日",                      # a sentence going on after it
    "\\-".join(G),                                     # Markdown's escaped dash
    "".join("〇一二三四五六七八九"[int(c)] for c in NUMBER),  # 漢数字, digit by digit
    "\u3000".join("".join("〇一二三四五六七八九"[int(c)] for c in g) for g in G),
])
def test_every_reading_is_found_and_masked(written):
    assert [finding.masked for finding in find_individual_numbers(f"番号 {written} です")] == [MASKED]
    shown = redact(f"番号 {written} です")
    assert MASKED in shown and not any(group in shown for group in G[1:]), shown


@pytest.mark.parametrize("written", [
    "03-3511-0611 0120-95-0178",                       # two phone numbers
    "03-3511-0611／0120-95-0178",
    f"{'-'.join(G)}-5",                                # a longer hyphenated number
    f"1{NUMBER}",                                      # 13 digits: a 法人番号
    "2024年8月8日 10:30 第151号",
    "二〇二四年八月八日 午前一〇時三〇分",                 # a date and time in 漢数字
])
def test_what_is_not_one_passes(written):
    assert find_individual_numbers(written) == []


def test_a_link_around_part_of_it_is_read_as_the_page_shows_it(project):
    from helpers import run_build

    topic = project / "content" / "topics" / "overseas-use.yaml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("  2024年5月27日から、", f"  記入例 [{G[0]}](https://example.jp/){G[1]}{G[2]}。2024年5月27日から、", 1),
                     encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert f"content/topics/overseas-use.yaml:4: body: contains an individual number (マイナンバー {MASKED}" in result.stderr
    assert G[1] not in result.stderr and "1 problem(s)" in result.stderr


def test_the_live_preview_never_shows_a_number_in_full():
    """`serve` hands the last build's problems to the open pages: they are masked like the terminal's lines."""
    import json

    from shuchi.serve import Status

    status = Status()
    status.record([f"content/documents/welfare-manual/{'.'.join(G)}.md: its name contains an individual number"])
    shown = json.loads(status.as_json())["problems"][0]
    assert MASKED in shown and G[1] not in shown
