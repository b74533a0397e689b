"""Random input into the loader, the validators, the guard and the Markdown renderer:
only validation problems come back, never another exception, and nothing that runs."""

import functools
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import EmailStr, TypeAdapter, ValidationError

from shuchi.content import load_content
from shuchi.content.guard import check_digit, find_individual_numbers
from shuchi.content.source import load_yaml
from shuchi.content.store import KINDS
from shuchi.errors import ContentError, Problem
from shuchi.model.common import Colour, Phone, Postcode, Slug, WebUrl, relative_file
from shuchi.safety.chapters import chapter_findings
from shuchi.safety.reader import read_page
from shuchi.typeset.markdown import link_problems, markdown

ROOT = Path(__file__).resolve().parent.parent
FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields} | {"kind", "text", "items"})

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=True),
                    st.dates(), st.text(max_size=30), st.sampled_from(["members", "zenjukyo", "shiryo1", "#1b5e20",
                                                                       "mlit-2024-07-29", "03-3511-0611", "各位"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5)),
                      max_leaves=25)
documents = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8)

yaml_tokens = st.sampled_from(list("abc: -_#&*!|>'\"\n\t[]{},.%@`?0123456789") + ["　", "会員", "\ufeff", "\x07", "\ud800",
                                                                                 "!!python/object ", "&a ", "*a",
                                                                                 "id: ", "\n  - ", "---\n"])


def yaml_like(max_tokens: int):
    return st.lists(yaml_tokens, max_size=max_tokens).map("".join)


def one_line_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert "\n" not in str(problem)


@functools.cache
def content_copy() -> Path:
    """One copy of the default content for the whole module; each example adds one file and removes it."""
    root = Path(tempfile.mkdtemp()) / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def load_one(text: bytes | str, folder: str, name: str = "random.yaml") -> None:
    """Write ``text`` as ``folder/name`` in the content copy (replacing that file) and load everything."""
    root = content_copy()
    path = root / folder / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        load_content(root, display_root=root.parent)
    except ContentError as error:
        one_line_problems(error.problems)
    finally:
        path.unlink()
        if original is not None:
            path.write_bytes(original)


@settings(max_examples=300, deadline=None)
@given(yaml_like(120))
def test_random_text_gives_problems_never_exceptions(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        source, problems = load_yaml(path)
        one_line_problems(problems)
        assert source is not None or problems


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_give_problems_never_exceptions(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.yaml"
        path.write_bytes(raw)
        one_line_problems(load_yaml(path)[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(KINDS)), documents)
def test_random_documents_of_every_kind_give_problems_never_exceptions(folder, document):
    load_one(yaml.safe_dump(document, allow_unicode=True), folder)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted((ROOT / "content").glob("*/*.yaml"))), st.data())
def test_real_files_with_random_damage_give_problems_never_exceptions(path, data):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines)))
    damage = data.draw(st.sampled_from(["delete", "insert", "indent"]))
    if damage == "delete" and at < len(lines):
        del lines[at]
    elif damage == "insert":
        lines.insert(at, data.draw(yaml_like(15)) + "\n")
    elif at < len(lines):
        lines[at] = " " * data.draw(st.integers(1, 3)) + lines[at]
    load_one("".join(lines), path.parent.name, path.name)


VALIDATED = [TypeAdapter(kind) for kind in (Phone, WebUrl, Slug, Colour, Postcode, EmailStr,
                                             relative_file(".svg", "logos/x.svg"))]


@given(st.text(max_size=60))
def test_field_validators_raise_only_validation_errors(text):
    for adapter in VALIDATED:
        try:
            adapter.validate_python(text)
        except ValidationError as error:
            assert error.errors()


eleven_digits = st.text(st.sampled_from("0123456789"), min_size=11, max_size=11)
not_digits = st.text(st.characters(blacklist_categories=("Cs", "Nd")), max_size=20)


@given(eleven_digits, not_digits, not_digits)
def test_a_valid_number_among_words_is_always_found(eleven, before, after):
    number = eleven + str(check_digit(eleven))
    found = find_individual_numbers(before + number + after)
    assert [f.masked for f in found] == [f"{number[:4]} **** **{number[-2:]}"]


@given(eleven_digits, st.text(st.sampled_from("0123456789"), min_size=1, max_size=3), st.booleans())
def test_a_valid_number_inside_a_longer_number_is_never_found(eleven, extra, in_front):
    number = eleven + str(check_digit(eleven))
    assert find_individual_numbers(extra + number if in_front else number + extra) == []


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_the_guard_reads_any_text(text):
    for finding in find_individual_numbers(text):
        assert 1 <= finding.line <= text.count("\n") + 1


markdown_tokens = st.sampled_from(list("[]()<>!*_`#-: \n/\\&;\"'=") + ["javascript:", "JaVaScRiPt:", "data:", "file:",
                                                                    "vbscript:", "<script>", "onerror=", "http://x",
                                                                    "&#106;", "%6a", "\t", "\x00", "<img src=x>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(markdown_tokens, max_size=40).map("".join))
def test_no_markdown_becomes_something_a_browser_would_run(text):
    html = markdown(text)
    assert read_page(html).findings == [], html
    assert "<script" not in html.lower()


@settings(max_examples=200, deadline=None)
@given(st.lists(markdown_tokens | st.sampled_from(["{", "}", " onfocus=", "autofocus", "## ", "\\<"]), max_size=40).map("".join))
def test_a_chapter_check_accepts_becomes_nothing_runnable_on_its_mkdocs_page(text):
    import markdown as python_markdown

    from shuchi.safety.chapters import EXTENSIONS

    if not chapter_findings(text):
        assert read_page(python_markdown.Markdown(extensions=EXTENSIONS).convert(text)).findings == []
    for _, message in link_problems(text):
        assert "(expected" in message

