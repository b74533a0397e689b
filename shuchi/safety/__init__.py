"""Safety by construction (安全対策): what a reader's browser will see, read with a browser's parsers.

* :mod:`.urls` — an address as the WHATWG URL parser reads it (its scheme, whether it leaves the site);
* :mod:`.css` — stylesheets read by a real CSS tokenizer (tinycss2), for loads from other hosts;
* :mod:`.markup` — the allow-lists an organisation's own letterhead and logo SVG must pass;
* :mod:`.reader` — a published page read by a WHATWG HTML parser, for anything that runs or loads;
* :mod:`.csp` — the Content-Security-Policy each published page carries;
* :mod:`.published` — the last check of a site folder after it is written and before it is published.
"""
