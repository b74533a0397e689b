"""CSS read by a real tokenizer (tinycss2, which WeasyPrint itself uses): escapes such as ``htt\\70://`` and
comments such as ``@import/**/"…"`` are decoded as a browser decodes them before anything is judged."""

import tinycss2
from tinycss2 import ast

from .urls import is_fragment, leaves_site

LOADING_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"}
"""CSS functions whose string arguments are addresses a browser fetches."""


def stylesheet_problems(css: str, *, fragments_only: bool = False) -> list[str]:
    """What in a stylesheet (a ``<style>`` element's text) loads from another host or imports another sheet."""
    return _walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), fragments_only)


def declarations_problems(css: str, *, fragments_only: bool = False) -> list[str]:
    """The same for a ``style=""`` attribute (a list of declarations)."""
    return _walk(tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True), fragments_only)


def value_problems(value: str, *, fragments_only: bool = False) -> list[str]:
    """The same for a presentation attribute of an SVG (``fill="url(#g)"``)."""
    return _walk(tinycss2.parse_component_value_list(value, skip_comments=True), fragments_only)


def _walk(nodes, fragments_only: bool) -> list[str]:
    found: list[str] = []

    def address(url: str, how: str) -> None:
        if fragments_only and not is_fragment(url):
            found.append(f"{how} '{url[:60]}' (only #id references are allowed here)")
        elif leaves_site(url):
            found.append(f"{how} '{url[:60]}', which loads from another site")

    def visit(items, loading: bool = False) -> None:
        for node in items or []:
            if isinstance(node, ast.AtRule):
                if node.lower_at_keyword == "import":
                    found.append("@import of another stylesheet")
                visit(node.prelude, loading=node.lower_at_keyword == "import")
                if node.content is not None:
                    visit(tinycss2.parse_blocks_contents(node.content, skip_comments=True))
            elif isinstance(node, ast.QualifiedRule):
                visit(node.prelude)
                visit(tinycss2.parse_blocks_contents(node.content, skip_comments=True))
            elif isinstance(node, ast.Declaration):
                visit(node.value)
            elif isinstance(node, ast.URLToken):
                address(node.value, "url()")
            elif isinstance(node, ast.FunctionBlock):
                visit(node.arguments, loading=loading or node.lower_name in LOADING_FUNCTIONS)
            elif isinstance(node, ast.StringToken) and loading:
                address(node.value, "an address")
            elif isinstance(node, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)):
                visit(node.content, loading)
            elif isinstance(node, ast.ParseError):
                found.append(f"a CSS syntax error ({node.message})")

    visit(nodes)
    return found
