"""Words a printed line may not cut (分割禁止), and note marks set as superscripts (注記号).

Japanese text may break between almost any two characters, which is right for running
prose but wrong inside a number and its unit (「6月4／日」), a phone number or an e-mail
address. The Markdown of content gets each such token wrapped in ``<span class="keep">``,
which the print stylesheets keep on one line; the print check (shuchi.pdf.printcheck) reads
the same :data:`WHOLE_TOKEN` to find any that still split.

A note reference inside a sentence (「公金受取口座登録制度※1、2は」) becomes
``<sup class="note-ref">``; the note itself (「※1 公金受取口座…」, at the start of a
paragraph) stays as written.
"""

import re
from html import escape

from markdown_it.token import Token

WHOLE_TOKEN = re.compile(
    r"[0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4}"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?:令和|平成|昭和|大正|明治)[0-9０-９元]+年"
    r"|[0-9０-９]+(?:[,，.．][0-9０-９]+)*(?:年度|年|か月|ヶ月|月|日|時|分|号|円|件|枚|歳|％|%|点|ページ)?"
    r"|※[0-9０-９]+(?:[、,][0-9０-９]+)*"
    r"|[A-Za-z]+"
)
"""Tokens a line break may not cut: a number with its unit (「4日」「12月」「令和6年」), a phone
number, an e-mail address, a note mark 「※1、2」, a Latin word. Web addresses are not here:
a long one has to break somewhere."""

NOTE_REF = re.compile(r"(?<=\S)※[0-9０-９]+(?:[、,][0-9０-９]+)*(?![0-9０-９年月日])")
"""A note reference after a word in a sentence; 「※12月2日時点で…」 is a note, not a reference."""

BREAKABLE = re.compile(r"[^\x21-\x7e]|[-@.]")
"""A token needs wrapping only where a line could break inside it: around a Japanese character or - @ ."""


def _html(kind: str, content: str) -> Token:
    token = Token(kind, "", 0)
    token.content = content
    return token


def _pieces(text: str) -> list[Token]:
    """``text`` as text tokens with the note references and whole tokens in it wrapped."""
    found = []
    for match in WHOLE_TOKEN.finditer(text):
        note = NOTE_REF.match(text, match.start())
        if note and match.start() > 0:
            found.append((match.start(), match.end(), "sup", "note-ref"))
        elif len(match.group()) > 1 and BREAKABLE.search(match.group()):
            found.append((match.start(), match.end(), "span", "keep"))
    pieces, done = [], 0
    for start, end, tag, name in found:
        if start > done:
            pieces.append(_html("text", text[done:start]))
        pieces.append(_html("html_inline", f'<{tag} class="{name}">{escape(text[start:end])}</{tag}>'))
        done = end
    if done < len(text):
        pieces.append(_html("text", text[done:]))
    return pieces


def keep_whole_words(state) -> None:
    """markdown-it core rule: wrap whole tokens and note references in the inline text of every block."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        inside_link = 0
        for child in token.children:
            inside_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and not inside_link:
                children.extend(_pieces(child.content))
            else:
                children.append(child)
        token.children = children
