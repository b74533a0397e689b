"""The Content-Security-Policy (コンテンツセキュリティポリシー) every published page carries, as a ``<meta>``
at the top of its ``<head>``: should anything runnable ever slip past :mod:`.reader`, the browser still runs
only the site's own script files and the inline scripts listed by hash — never an event handler, a
``javascript:`` address or a script from another host."""

import re

POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")
"""``'wasm-unsafe-eval'`` lets Pagefind start its WebAssembly search (it runs no JavaScript from text);
inline styles stay allowed (they cannot run code, and img-src/font-src keep them from loading elsewhere);
Material's icons in its stylesheet are ``data:`` images."""

_HEAD = re.compile(r"\A\ufeff?\s*(?:<!doctype[^>]*>\s*)?(?:<html\b[^>]*>\s*)?<head\b[^>]*>", re.IGNORECASE)
"""The ``<head>`` start tag as the first thing of a page (nothing before it can hide it from the parser)."""


def policy(hashes: list[str]) -> str:
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))


def with_policy(page: str, hashes: list[str]) -> str | None:
    """``page`` with its policy as the first element of its head; ``None`` when its head does not come first."""
    head = _HEAD.match(page)
    if head is None:
        return None
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    if page.startswith(meta, head.end()):
        return page  # checked before (a shard being joined): every policy of a page is enforced, one is enough
    return page[:head.end()] + meta + page[head.end():]
