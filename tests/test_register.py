"""The 文書番号台帳: numbers issued once, in order, kept in a file a person can read."""

import datetime

import pytest
import yaml
from helpers import ROOT

from shuchi.content import load_content
from shuchi.content.check import check_content
from shuchi.errors import ContentError
from shuchi.merge.register import issue_numbers, register_path, write_register
from shuchi.model import Notice, Recipient, Register

NOTICE = Notice(id="nichiyaku-2025-01-10", organisation="nichiyaku", audience="branches", circular="mhlw-2024",
                date=datetime.date(2025, 1, 10), title="件名")


def recipients(*names):
    return [Recipient(organisation=name, title="事務局長") for name in names]


def problems(project) -> str:
    """What `build.py check` prints for ``project`` (in-process: the same problems, without starting Python)."""
    with pytest.raises(ContentError) as raised:
        check_content(project)
    return "\n".join(str(problem) for problem in raised.value.problems)


def test_new_numbers_follow_the_highest_issued_and_a_letter_keeps_its_number():
    register = load_content(ROOT / "content", ROOT).registers["nichiyaku"]
    assert [e.number for e in register.issued] == [150]
    numbers, register = issue_numbers(register, "nichiyaku", NOTICE, recipients("北海道薬剤師会", "青森県薬剤師会"), set())
    assert numbers == [151, 152]
    again, register = issue_numbers(register, "nichiyaku", NOTICE, recipients("青森県薬剤師会", "岩手県薬剤師会"), set())
    assert again == [152, 153]
    issued = [e.number for e in register.issued]
    assert issued == [150, 151, 152, 153]
    assert register.issued[-1].recipient == "岩手県薬剤師会 事務局長 殿"
    assert register.issued[-1].notice == NOTICE.id and register.issued[-1].date == NOTICE.date


def test_numbers_printed_on_notices_are_never_issued_again():
    numbers, _ = issue_numbers(None, "nichiyaku", NOTICE, recipients("北海道薬剤師会"), {150, 170})
    assert numbers == [171]


def test_the_register_file_reads_as_one_line_per_number_and_keeps_its_comments(project):
    path = register_path(project / "content", "nichiyaku")
    path.write_text("# 日本薬剤師会 総務課の台帳\norganisation: nichiyaku\nissued: []\n", encoding="utf-8")
    _, register = issue_numbers(Register(organisation="nichiyaku"), "nichiyaku", NOTICE,
                                recipients("北海道薬剤師会", "青森県薬剤師会"), set())
    write_register(path, register)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# 日本薬剤師会 総務課の台帳"
    assert "  - {number: 1, date: 2025-01-10, notice: nichiyaku-2025-01-10, recipient: 北海道薬剤師会 事務局長 殿}" in text
    assert yaml.safe_load(text)["issued"][1]["number"] == 2
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".nichiyaku.yaml.") and p.suffix != ".lock"]
    assert leftovers == []


def test_check_reports_a_number_issued_twice(project):
    path = register_path(project / "content", "nichiyaku")
    path.write_text(path.read_text(encoding="utf-8") +
                    "  - {number: 151, date: 2024-08-09, notice: nichiyaku-2024-08-08, recipient: 北海道薬剤師会 事務局長 殿}\n"
                    "  - {number: 151, date: 2024-08-09, notice: nichiyaku-2024-08-08, recipient: 青森県薬剤師会 事務局長 殿}\n",
                    encoding="utf-8")
    assert ("content/registers/nichiyaku.yaml:8: issued[2].number: 151 is already issued on line 7 "
            "(expected each number once)") in problems(project)


def test_check_reports_a_notice_numbered_with_a_number_the_register_gave_to_another(project):
    notice = project / "content/notices/nichiyaku-members-2024-08-08.yaml"
    path = register_path(project / "content", "nichiyaku")
    path.write_text(path.read_text(encoding="utf-8").replace("notice: nichiyaku-members-2024-08-08",
                                                             "notice: nichiyaku-2024-08-08"), encoding="utf-8")
    line = next(i for i, text in enumerate(notice.read_text().splitlines(), 1) if text.startswith("number:"))
    assert (f"content/notices/nichiyaku-members-2024-08-08.yaml:{line}: number: 150 is already issued to notice "
            f"nichiyaku-2024-08-08") in problems(project)


def test_check_refuses_a_register_for_an_organisation_without_numbers(project):
    (project / "content/registers/zenjukyo.yaml").write_text("organisation: zenjukyo\nissued: []\n", encoding="utf-8")
    assert "content/registers/zenjukyo.yaml:1: organisation: zenjukyo has no document_number pattern" in problems(project)


def test_check_refuses_a_register_of_an_unknown_organisation(project):
    (project / "content/registers/nichiyku.yaml").write_text("organisation: nichiyku\nissued: []\n", encoding="utf-8")
    assert "content/registers/nichiyku.yaml:1: organisation: names an organisation 'nichiyku' that does not exist" \
        in problems(project)


def test_an_invisible_character_in_a_resaved_list_keeps_the_letters_number():
    """A zero-width space or a variation selector (IVS) pasted into a 宛名 is not a new recipient."""
    from shuchi.merge.register import recipient_key

    plain = "葛飾区薬剤師会 事務局長 殿"
    for pasted in ("葛飾区\u200b薬剤師会 事務局長 殿", "葛\U000e0100飾区薬剤師会 事務局長 殿", "葛飾区薬剤師会\u00ad 事務局長 殿",
                   "葛飾区薬剤師会\u2028事務局長 殿"):
        assert recipient_key(pasted) == recipient_key(plain)
    assert recipient_key("葛飾区薬剤師会 事務局長 殿") != recipient_key("葛飾区薬剤師会 事務局次長 殿")
