"""The intranet site's stylesheet (サイトのCSS), made from the letter's and the leaflet's own rules.

The site shows letters and leaflets inside Material's pages. A hand copy of their rules
drifted (the info callout came out red), so the site takes ``letter.css`` and
``leaflet.css`` themselves, each scoped to the element that holds a letter or a leaflet,
after the shared tokens of ``base.css`` and before the site's own ``site/shuchi.css``.
"""

import tinycss2
from jinja2 import Environment
from tinycss2.ast import AtRule, LiteralToken, QualifiedRule

from ..model import Organisation

SCOPES = {"css/letter.css": ".md-typeset article.page", "css/leaflet.css": ".md-typeset .shuchi-leaflet"}
"""Each sheet the site reuses, and the element of a site page that holds what it styles."""

OUTER = ("html", "body", ":root", ".page")
"""Selectors of a stand-alone page that mean the scope itself on the site (``html`` only paints the desk)."""


def site_stylesheet(env: Environment, org: Organisation) -> str:
    """``assets/shuchi.css`` of ``org``'s site: its brand colour, the tokens, the scoped sheets, the site's rules."""
    source = env.loader.get_source  # type: ignore[union-attr]
    parts = [f":root {{ --brand: {org.colour}; }}", source(env, "css/base.css")[0]]
    parts += [scoped(source(env, name)[0], scope) for name, scope in SCOPES.items()]
    parts.append(source(env, "site/shuchi.css")[0])
    return "\n".join(parts)


def scoped(css: str, scope: str) -> str:
    """The screen rules of ``css`` (media queries kept) with every selector inside ``scope``; print rules are
    left out."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if isinstance(rule, QualifiedRule):
            selectors = [_scoped_selector(s, scope) for s in _selectors(rule.prelude)]
            kept = [s for s in selectors if s]
            if kept:
                out.append(f"{', '.join(kept)} {{{tinycss2.serialize(rule.content)}}}")
        elif isinstance(rule, AtRule) and rule.lower_at_keyword == "media" and rule.content is not None:
            media = tinycss2.serialize(rule.prelude).strip()
            inner = scoped(tinycss2.serialize(rule.content), scope)
            if media == "screen":
                out.append(inner)
            elif "print" not in media:
                out.append(f"@media {media} {{\n{inner}\n}}")
    return "\n".join(out)


def _selectors(prelude: list) -> list[str]:
    """A selector list split at its top-level commas."""
    found: list[str] = []
    current: list = []
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            found.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    found.append(tinycss2.serialize(current).strip())
    return found


def _scoped_selector(selector: str, scope: str) -> str:
    first, _, rest = selector.partition(" ")
    if first == "html":
        return ""
    if first.startswith(OUTER):
        return f"{scope} {rest}".strip()
    return f"{scope} {selector}"
