"""The published-page check remembers what it passed, by each file's bytes, and never lets that make it weaker:
a page the same checker passed gets its policy again without being read, a changed page is read (and stopped),
a page with a problem is never remembered, and another checker remembers nothing."""

from pathlib import Path

import pytest
import tinyhtml5

import shuchi.safety.published as published
from shuchi.content.guard import check_digit
from shuchi.errors import ContentError
from shuchi.safety.published import check_published, pages_of
from shuchi.safety.verdicts import Verdicts

PAGE = "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>{extra}</body></html>"
MATERIAL = '<script>__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),' \
           '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=' \
           'localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'


def number() -> str:
    eleven = "12345678901"
    return eleven + str(check_digit(eleven))


def write_site(folder: Path, notice: str = "会員各位") -> Path:
    """A small organisation's site as the engine writes it (no policy yet)."""
    org = folder / "org"
    (org / "notices").mkdir(parents=True)
    (org / "index.html").write_text(PAGE.format(title="ホーム", extra=MATERIAL), encoding="utf-8")
    (org / "notices" / "n.html").write_text(PAGE.format(title=notice, extra=""), encoding="utf-8")
    (org / "notices" / "n.txt").write_text("通知の本文\n", encoding="utf-8")
    return org


def policy_of(path: Path) -> str:
    head = tinyhtml5.parse(path.read_text(encoding="utf-8")).find("{http://www.w3.org/1999/xhtml}head")
    assert head[0].get("http-equiv") == "Content-Security-Policy", path
    return head[0].get("content")


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The pages the check reads with the browser's parser, by title."""
    read: list[str] = []
    real = published.read_page

    def counting(html: str):
        read.append(tinyhtml5.parse(html).findtext(".//{http://www.w3.org/1999/xhtml}title"))
        return real(html)

    monkeypatch.setattr(published, "read_page", counting)
    return read


def check(folder: Path, verdicts: Verdicts | None) -> list[str]:
    return check_published(folder, pages_of(folder / "org"), folder, verdicts)


def test_a_page_passed_before_gets_the_same_policy_without_being_read(tmp_path, reads):
    record = tmp_path / "record.json"
    first, again = tmp_path / "first", tmp_path / "again"
    write_site(first), write_site(again, notice="会員各位（改）")
    check(first, verdicts := Verdicts(record, "checker 1"))
    verdicts.save()
    assert sorted(reads) == ["ホーム", "会員各位"]
    reads.clear()
    check(again, Verdicts(record, "checker 1"))
    assert reads == ["会員各位（改）"]  # the unchanged home page is not read again, the changed notice is
    for name in ("index.html", "notices/n.html"):
        assert policy_of(again / "org" / name) == policy_of(first / "org" / name)
    assert "'sha256-" in policy_of(again / "org" / "index.html")  # the home page's inline script, allowed by hash
    assert (again / "org" / "index.html").read_text(encoding="utf-8") == \
        (first / "org" / "index.html").read_text(encoding="utf-8")


def checked_once(tmp_path: Path) -> tuple[Path, Path]:
    """A site checked and its verdicts saved in ``record.json``; the record, and a second site's organisation
    folder, the same as the first's, for a test to change."""
    record = tmp_path / "record.json"
    write_site(tmp_path / "first")
    check(tmp_path / "first", verdicts := Verdicts(record, "checker 1"))
    verdicts.save()
    return record, write_site(tmp_path / "again")


def test_a_changed_page_is_read_and_stops_the_build(tmp_path):
    record, org = checked_once(tmp_path)
    again = tmp_path / "again"
    (org / "notices" / "n.html").write_text(PAGE.format(title="会員各位", extra="<img src=x onerror=alert(1)>"),
                                            encoding="utf-8")
    (org / "notices" / "n.txt").write_text(f"通知の本文 {number()}\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check(again, Verdicts(record, "checker 1"))
    said = " ".join(str(problem) for problem in raised.value.problems)
    assert "the event handler onerror=" in said and "individual number" in said


def test_a_file_with_a_problem_is_never_remembered(tmp_path, reads):
    record = tmp_path / "record.json"
    for attempt in range(2):
        org = write_site(tmp_path / f"site{attempt}")
        (org / "notices" / "n.html").write_text(PAGE.format(title="会員各位", extra='<iframe src="x"></iframe>'),
                                                encoding="utf-8")
        with pytest.raises(ContentError):
            check(tmp_path / f"site{attempt}", verdicts := Verdicts(record, "checker 1"))
        verdicts.save()
    assert reads.count("会員各位") == 2


def test_a_file_name_is_read_every_time(tmp_path):
    record, org = checked_once(tmp_path)
    again = tmp_path / "again"
    (org / "notices" / "n.txt").rename(org / "notices" / f"{number()}.txt")  # the same bytes under a new name
    with pytest.raises(ContentError, match="individual number"):
        check(again, Verdicts(record, "checker 1"))


def test_another_checker_remembers_nothing(tmp_path, reads):
    record = tmp_path / "record.json"
    check(write_site(tmp_path / "first").parent, verdicts := Verdicts(record, "checker 1"))
    verdicts.save()
    reads.clear()
    check(write_site(tmp_path / "again").parent, Verdicts(record, "checker 2"))
    assert sorted(reads) == ["ホーム", "会員各位"]
