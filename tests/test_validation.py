"""Mistakes a secretariat makes in content/, and the message `build.py check` gives for each."""

import textwrap

from helpers import run_build


def write(project, relative, text):
    path = project / relative
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def edit(project, relative, old, new):
    """Change ``old`` to ``new`` once in a content file, as a secretariat would in an editor; returns the line."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def check(project):
    result = run_build(project, "check")
    assert "Traceback" not in result.stderr
    return result


def test_default_content_is_valid(project):
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "content/ is valid" in result.stdout


def test_a_yaml_syntax_error_names_file_and_line(project):
    write(project, "content/topics/broken.yaml", """
        id: broken
        heading: 見出し
        body: "閉じていない引用符
        valid_until: 2025-01-01
    """)
    result = check(project)
    assert result.returncode == 2
    assert "content/topics/broken.yaml:" in result.stderr
    assert "YAML syntax error" in result.stderr


def test_a_misspelt_field_suggests_the_right_one(project):
    line = edit(project, "content/organisations/zenjukyo.yaml", "website:", "webiste:")
    result = check(project)
    assert result.returncode == 2
    assert f"content/organisations/zenjukyo.yaml:{line}: webiste: is not a known field; did you mean 'website'?" in result.stderr


def test_a_wrong_value_names_the_nested_field_and_what_is_expected(project):
    line = edit(project, "content/organisations/zenjukyo.yaml", "phone: 03-3511-0611", "phone: 03-3511")
    result = check(project)
    assert result.returncode == 2
    assert f"content/organisations/zenjukyo.yaml:{line}: contact.phone: is not a valid Japanese phone number" in result.stderr


def test_an_impossible_date_is_reported(project):
    line = edit(project, "content/notices/zenjukyo-2024-08-02.yaml", "date: 2024-08-02", "date: 2024-02-30")
    result = check(project)
    assert result.returncode == 2
    assert (f"content/notices/zenjukyo-2024-08-02.yaml:{line}: date: '2024-02-30' is not a real date "
            "(day is out of range for month; expected YYYY-MM-DD") in result.stderr


def test_a_missing_field_and_a_missing_reference_are_both_reported_in_one_run(project):
    write(project, "content/notices/new.yaml", """
        id: new
        organisation: zenjukyo
        audience: members
        circular: mlit-2024-07-30
        date: 2024-09-01
    """)
    org = project / "content/organisations/itea.yaml"
    org.write_text(org.read_text().replace("short_name: ITEA\n", ""), encoding="utf-8")
    result = check(project)
    assert result.returncode == 2
    assert "content/organisations/itea.yaml:3: short_name: is missing" in result.stderr
    assert "content/notices/new.yaml:1: needs a title (件名)" in result.stderr
    assert "organisation 'itea'" not in result.stderr  # no echo of the broken file in its users
    assert ("content/notices/new.yaml:4: circular: names a circular 'mlit-2024-07-30' that does not exist; "
            "did you mean 'mlit-2024-07-29'?") in result.stderr


def test_an_honorific_typed_twice_is_refused(project):
    edit(project, "content/organisations/zenjukyo.yaml", "    organisation: 会員\n", "    organisation: 会員各位\n")
    result = check(project)
    assert result.returncode == 2
    assert "zenjukyo.yaml" in result.stderr and "already ends with an honorific" in result.stderr


def test_a_bad_date_mark_in_markdown_is_reported(project):
    edit(project, "content/topics/health-insurance.yaml", "[[2024-12-02]]", "[[2024-13-02]]")
    result = check(project)
    assert result.returncode == 2
    assert "content/topics/health-insurance.yaml" in result.stderr
    assert "[[2024-13-02]] is not a date (expected [[YYYY-MM-DD]]" in result.stderr


def test_a_build_with_bad_content_leaves_the_last_site_as_it_was(project):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    write(project, "content/topics/empty.yaml", "")
    result = run_build(project)
    assert result.returncode == 2
    assert "content/topics/empty.yaml:1: is empty" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_a_date_before_wareki_begins_is_a_content_error_not_a_crash(project):
    line = edit(project, "content/notices/zenjukyo-2024-08-02.yaml", "date: 2024-08-02", "date: 1850-08-02")
    result = check(project)
    assert result.returncode == 2
    assert (f"content/notices/zenjukyo-2024-08-02.yaml:{line}: date: 1850-08-02 is before 1873-01-01 "
            f"(明治6年1月1日), the first day a letter can print in 和暦") in result.stderr


def test_a_yaml_recipient_title_read_as_a_number_is_quoted_as_typed(project):
    path = project / "content/recipients/itea.yaml"
    text = path.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    line = edit(project, "content/recipients/itea.yaml", first_title, first_title.split("title:")[0] + "title: 0120")
    result = check(project)
    assert result.returncode == 2
    assert f"content/recipients/itea.yaml:{line}: recipients[0].title: is read as the number 0120" in result.stderr
    assert 'e.g. "0120"' in result.stderr
