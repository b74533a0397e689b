"""`check` promises the build: content it accepts builds (exit 0), or check itself reports it with file and line.
A property test (hypothesis) writes valid content — names and titles with kanji outside the BMP (𠮷 as in 𠮷野家,
𩸽), kana, Latin, punctuation, dates across the eras — into one organisation and builds it for real."""

import datetime
import shutil
from pathlib import Path

import yaml
from conftest import one_organisation
from helpers import copy_project, pdf_text, run_build
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

WORDS = ["𠮷野", "𩸽", "髙橋", "﨑", "住宅", "協会", "カード", "ＡＢＣ", "abc", "・", "（依頼）", "〜", "ー", "㈱", "①", " ", "&", "<", "\"", "'"]
"""Pieces of real names and titles, among them kanji outside Unicode's first plane."""

names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map("".join).filter(lambda t: t.strip() == t and t)
dates = st.dates(datetime.date(1873, 1, 1), datetime.date(2099, 12, 31))


def write(project: Path, relative: str, change) -> None:
    path = project / "content" / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@example(name="𠮷野住宅協会", title="𩸽のお知らせ", day=datetime.date(2024, 8, 2))
@given(name=names, title=names, day=dates)
def test_content_check_accepts_builds(tmp_path_factory, name, title, day):
    project = one_organisation(copy_project(tmp_path_factory.mktemp("promise")))
    write(project, "organisations/zenjukyo.yaml", lambda data: data.update(name=name))
    write(project, "attachments/shiryo1.yaml", lambda data: data.update(title=title))
    write(project, "notices/zenjukyo-2024-08-02.yaml", lambda data: data.update(date=day))
    checked = run_build(project, "check")
    if checked.returncode != 0:  # refused: then with file and line, never a traceback
        assert checked.returncode == 2 and "Traceback" not in checked.stderr
        assert all(line.startswith("content/") for line in checked.stderr.split("\n\n")[0].splitlines()), checked.stderr
        return
    built = run_build(project)
    assert built.returncode == 0, built.stderr
    letter = "".join(pdf_text(project / "site" / "zenjukyo" / "letters" / "zenjukyo-2024-08-02.pdf").split())
    assert "".join(name.split()) in letter  # printed, through the font fallback where needed
    leaflet = "".join(pdf_text(project / "site" / "zenjukyo" / "leaflets" / "shiryo1.pdf").split())
    assert "".join(title.split()) in leaflet
    shutil.rmtree(project)
