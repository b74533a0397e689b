"""A character no Japanese font can print is a content error at its line, never tofu in a letter; a machine
without the letter fonts is told which packages to install."""

from helpers import run_build


def test_a_character_without_a_glyph_stops_the_build_and_names_it(project):
    path = project / "content/notices/zenjukyo-2024-08-02.yaml"
    path.write_text(path.read_text().replace("詳細は別添資料をご参照ください。", "詳細は別添資料をご参照ください。\U0001F9FE"),
                    encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build")
    result = run_build(project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert ("content/notices/zenjukyo-2024-08-02.yaml:11: intro: 「🧾」(U+1F9FE) cannot be printed: "
            "no installed font has it") in result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["keep.txt"]



def test_a_machine_without_the_japanese_fonts_is_told_which_packages_to_install(project, tmp_path):
    empty = tmp_path / "no-fonts.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>')
    result = run_build(project, env={"FONTCONFIG_FILE": str(empty)})
    assert result.returncode == 1
    assert result.stderr.split("\n", 1)[0].startswith("error: the Japanese letter fonts are missing")  # nothing else first
    assert "Traceback" not in result.stderr
    assert "apt-get install fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic" in result.stderr
