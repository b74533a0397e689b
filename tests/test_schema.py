"""The JSON Schemas an editor uses to help a secretariat type content."""

import json
import re

import pytest
from helpers import ROOT

from shuchi import schema


@pytest.mark.parametrize("name", schema.SCHEMAS)
def test_committed_schema_matches_the_model(name):
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema.schema_text(name), "run `build.py schema` after changing the model"


def test_every_content_file_names_an_existing_schema():
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path} does not start with its schema line"
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_schema_describes_fields_in_the_users_words():
    notice = json.loads(schema.schema_text("notice"))
    assert "文書番号" in notice["properties"]["number"]["description"]
    assert "date" in notice["required"]
