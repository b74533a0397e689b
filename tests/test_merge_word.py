"""A mail merge with Word letters (`build.py merge --docx`, an organisation with `mail_docx: true`), and its
e-mails unpacked by an independent MIME client, munpack (Debian's mpack), as a recipient's program would."""

import io
import re
import subprocess
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest
from helpers import ROOT, copy_project

from shuchi.cli import main
from shuchi.content import load_content
from shuchi.docx import letter_docx
from shuchi.docx.merge import MergedWordLetters
from shuchi.typeset.letter import notice_letter

pytestmark = pytest.mark.xdist_group("word-merge")
"""One worker runs this module, so the merge is made once."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REPLACED = "_"
"""munpack's stand-in for a character it will not put in a file name (``-r``); base64 never contains it."""


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    """nichiyaku's numbered member notice merged to two associations, with --docx and Word in the e-mails."""
    root = copy_project(tmp_path_factory.mktemp("merge-word"))
    profile = root / "content" / "organisations" / "nichiyaku.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "mail_docx: true\n", encoding="utf-8")
    listing = root / "宛先.csv"
    listing.write_text("団体名,役職,氏名,敬称,メールアドレス\n北海道薬剤師会,事務局長,,殿,hokkaido@example.jp\n"
                       "青森県薬剤師会,事務局長,,殿,\n", encoding="utf-8")
    out = root / "out"
    assert main(["--root", str(root), "merge", "--org", "nichiyaku", "--out", str(out), "--notice",
                 "nichiyaku-members-2024-08-08", "--recipients", str(listing), "--jobs", "2", "--docx"]) == 0
    return out


def test_merge_docx_writes_each_recipients_letter_as_word_beside_its_pdf(merged):
    letters = sorted((merged / "letters").iterdir())
    assert [p.suffix for p in letters] == [".docx", ".pdf", ".docx", ".pdf"]
    for word, pdf in zip(letters[::2], letters[1::2]):
        assert word.stem == pdf.stem
        text = [(p.style.name, p.text) for p in docx.Document(word).paragraphs]
        number, place = re.match(r"\d+_(日薬業発第\d+号)_(.+?)_事務局長", word.stem).groups()
        assert text[0] == ("文書番号", number)
        assert ("宛名", f"{place} 事務局長 殿") in text


def test_the_email_attaches_the_word_letter_after_its_pdf_when_the_profile_says_so(merged):
    mail = next((merged / "mail").iterdir())
    message = BytesParser(policy=policy.default).parsebytes(mail.read_bytes())
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments[:3]] == ["application/pdf", DOCX, "application/pdf"]
    assert attachments[1].get_content() == (merged / "letters" / f"{mail.stem}.docx").read_bytes()
    body = message.get_body(("plain",)).get_content()
    assert f"2. {mail.stem}.docx" in body and "Word版" in body
    assert len(list((merged / "mail").iterdir())) == 1  # the association without an address gets no e-mail


def munpacked(mail: Path, into: Path) -> dict[str, bytes]:
    """What munpack writes for ``mail``: each file's bytes by the name munpack gave it."""
    into.mkdir()
    subprocess.run(["munpack", "-q", "-f", "-r", REPLACED, "-C", str(into), str(mail)], capture_output=True,
                   check=True, timeout=60)
    return {p.relative_to(into).as_posix(): p.read_bytes() for p in into.rglob("*")
            if p.is_file() and p.suffix != ".desc"}


def header_value(unpacked_name: str) -> str:
    """The ``name=`` munpack read, from the file name it made of it: it writes ``?`` and the folding white
    space as ``-r``'s character, and each ``/`` of base64 as a folder."""
    value = unpacked_name.replace(REPLACED, "?")
    return re.sub(r"\?=\?+=\?", "?= =?", value)


def test_munpack_unpacks_every_attachment_under_its_own_name(merged, tmp_path):
    mail = next((merged / "mail").iterdir())
    message = BytesParser(policy=policy.default).parsebytes(mail.read_bytes())
    attachments = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert len(attachments) == 9  # the letter as PDF and Word, the ministry's circular, 資料1–6
    unpacked = munpacked(mail, tmp_path / "munpack")
    assert not [name for name in unpacked if re.fullmatch(r"part\d+", name)]  # no attachment without a name
    # munpack writes no character outside ASCII in a file name, so the Japanese name is read back from
    # the RFC 2047 words it took from the attachment's Content-Type
    names = {str(make_header(decode_header(header_value(name)))): data for name, data in unpacked.items()}
    assert names == attachments


def test_a_merged_word_letter_is_the_letter_written_for_that_recipient():
    content = load_content(ROOT / "content")
    notice = content.notices["nichiyaku-members-2024-08-08"]
    logo = content.logo_of(content.organisations["nichiyaku"])
    first, other = (notice_letter(content, notice, number=number, addressee=addressee)
                    for number, addressee in ((151, "北海道薬剤師会 事務局長 殿"), (1520, "とても長い名前の県薬剤師会 会長 様")))
    merged = docx.Document(io.BytesIO(MergedWordLetters(letter_docx(first, logo)).letter(other)))
    alone = docx.Document(io.BytesIO(letter_docx(other, logo)))
    assert [(p.style.name, p.text) for p in merged.paragraphs] == [(p.style.name, p.text) for p in alone.paragraphs]
    assert ("文書番号", "日薬業発第1520号") in [(p.style.name, p.text) for p in merged.paragraphs]
