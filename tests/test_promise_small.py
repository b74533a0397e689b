"""Small guards behind `check` promises the build, each for a crash the property test found: text from content
reaches YAML, e-mail headers and Word properties intact, whatever characters it holds."""

import yaml

from shuchi.docx.letter import PROPERTY_LIMIT, property_text
from shuchi.merge.mail import one_line
from shuchi.typeset.environment import environment


def test_tojson_writes_yaml_that_reads_back_the_same():
    # mkdocs.yml is rendered with tojson: JSON leaves NEL, U+2028 and U+2029 as they are, YAML breaks lines there
    title = "周知\x85の\u2028お願い\u2029𠮷野\"'{n}"
    rendered = environment().from_string("title: {{ title | tojson }}").render(title=title)
    assert yaml.safe_load(rendered) == {"title": title}


def test_a_header_gets_one_line_whatever_breaks_the_text_holds():
    assert one_line("周知\u2028の\x85お願い\r\nです\u2029") == "周知 の お願い です"


def test_a_long_title_is_cut_for_the_word_property_only():
    title = "お願い" * 200
    assert len(property_text(title)) == PROPERTY_LIMIT and property_text(title).endswith("…")
    assert property_text("周知") == "周知"


def test_a_japanese_mail_domain_is_kept_in_its_ascii_form():
    from shuchi.model import Recipient

    recipient = Recipient(organisation="協会", email="soumu@例え.jp")
    assert recipient.email == "soumu@xn--r8jz45g.jp"
