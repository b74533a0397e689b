"""`build --out`, `join` and `merge --out` replace a folder as a whole: only one shuchi wrote (and nobody changed
since), an empty or a new one. Cases of the second hostile review (none from the first)."""

import os
from pathlib import Path

import pytest
from helpers import run_build

from shuchi.destination import MARKER, check_destination, write_marker
from shuchi.errors import RequestError


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


@pytest.mark.parametrize("out, said", [
    ("content", "would replace content/"),
    (".", "would replace the project folder"),
    ("content/documents/welfare-manual", "is inside content/"),
    ("content/../content/./registers", "is inside content/"),
])
def test_build_out_refuses_to_replace_what_it_did_not_write(project, out, said):
    before = _files(project)
    result = run_build(project, "build", "--org", "itea", "--out", str(project / out))
    assert result.returncode == 2, result.stderr
    assert "--out: " in result.stderr and said in result.stderr, result.stderr
    assert _files(project) == before


def test_build_out_through_a_link_to_content_is_refused(project, tmp_path):
    link = tmp_path / "published"
    link.symlink_to(project / "content")
    before = _files(project)
    result = run_build(project, "build", "--org", "itea", "--out", str(link))
    assert result.returncode == 2 and "would replace content/" in result.stderr, result.stderr
    assert _files(project) == before and link.is_symlink()


def test_build_out_refuses_a_folder_that_is_not_a_built_site(project, tmp_path):
    out = tmp_path / "intranet"
    out.mkdir()
    (out / "議事録.docx").write_bytes(b"keep me")
    result = run_build(project, "build", "--org", "itea", "--out", str(out))
    assert result.returncode == 2 and "holds files a build did not write" in result.stderr, result.stderr
    assert (out / "議事録.docx").read_bytes() == b"keep me"


def test_join_refuses_to_replace_a_site_folder_holding_other_files(project):
    (project / "site").mkdir()
    (project / "site" / "メモ.txt").write_text("keep me", encoding="utf-8")
    shard = project / "site.shard-1-of-1"
    shard.mkdir()
    (shard / "index.html").write_text("<!doctype html><html><head></head></html>", encoding="utf-8")
    for slug in ("itea", "nichiyaku", "zenjukyo"):
        (shard / slug).mkdir()
    result = run_build(project, "join")
    assert result.returncode == 2 and "holds files a build did not write" in result.stderr, result.stderr
    assert (project / "site" / "メモ.txt").read_text(encoding="utf-8") == "keep me"


def _merged(folder: Path) -> Path:
    (folder / "letters").mkdir(parents=True)
    (folder / "letters" / "001_北海道薬剤師会_事務局長.docx").write_bytes(b"as merged")
    (folder / "manifest.csv").write_text("a,b\n", encoding="utf-8")
    write_marker(folder)
    return folder


def test_a_folder_a_merge_wrote_may_be_replaced(tmp_path):
    check_destination(tmp_path / "project", _merged(tmp_path / "merged"))


@pytest.mark.parametrize("change", ["added", "edited", "marker-copied", "old-marker", "linked"])
def test_a_merge_folder_someone_changed_is_refused(project, tmp_path, change):
    out = _merged(tmp_path / "merged")
    letter = out / "letters" / "001_北海道薬剤師会_事務局長.docx"
    if change == "added":
        (out / "送付状況.xlsx").write_bytes(b"the secretary's own list")
    elif change == "edited":  # the chair's last edits, made in Word after the merge
        letter.write_bytes(b"edited by the chair")
    elif change == "marker-copied":  # a marker copied into a folder of other things
        other = tmp_path / "documents"
        (other / "sub").mkdir(parents=True)
        (other / "sub" / "契約書.pdf").write_bytes(b"keep me")
        os.replace(out / MARKER, other / MARKER)
        out = other
    elif change == "old-marker":  # the one-line marker of earlier versions proves nothing about the files
        (out / MARKER).write_text("This folder was written by `shuchi merge`.\n", encoding="utf-8")
    elif change == "linked":
        (out / "letters" / "link.pdf").symlink_to(project / "content" / "registers" / "nichiyaku.yaml")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(RequestError, match="did not write or that were changed since"):
        check_destination(project, out)
    result = run_build(project, "merge", "--org", "nichiyaku", "--out", str(out))
    assert result.returncode == 2 and "--out: " in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_out_folder_under_a_file_is_a_clear_mistake(project, tmp_path):
    (tmp_path / "宛先.csv").write_text("x", encoding="utf-8")
    result = run_build(project, "build", "--org", "itea", "--out", str(tmp_path / "宛先.csv" / "site"))
    assert result.returncode == 2 and f"--out: {tmp_path / '宛先.csv'} is a file, not a folder" in result.stderr


def test_only_the_leftovers_of_a_killed_run_are_removed(tmp_path):
    """A folder of one's own named like shuchi's work folders (「.site.new-案」) is not shuchi's to remove."""
    import tempfile

    from shuchi.publish import clean_leftovers

    target = tmp_path / "site"
    killed = Path(tempfile.mkdtemp(prefix=".site.new-", dir=tmp_path))
    mine = [tmp_path / ".site.new-案", tmp_path / ".site.old-backup-2024", tmp_path / ".site.new-"]
    for folder in mine:
        folder.mkdir()
        (folder / "keep.txt").write_text("mine", encoding="utf-8")
    clean_leftovers(target)
    assert not killed.exists()
    assert all((folder / "keep.txt").read_text(encoding="utf-8") == "mine" for folder in mine)


def test_a_site_folder_holding_a_folder_of_ones_own_is_refused(project, tmp_path):
    site = tmp_path / "site"
    (site / "itea").mkdir(parents=True)
    (site / "itea" / "index.html").write_text("built", encoding="utf-8")
    (site / "index.html").write_text("built", encoding="utf-8")
    (site / "images").mkdir()  # named like an organisation, but a build never wrote it
    (site / "images" / "写真.jpg").write_bytes(b"keep me")
    result = run_build(project, "build", "--org", "itea", "--out", str(site))
    assert result.returncode == 2 and "(images)" in result.stderr, result.stderr
    assert (site / "images" / "写真.jpg").read_bytes() == b"keep me"
