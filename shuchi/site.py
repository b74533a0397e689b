"""Stage 5b: the pages that tie an organisation's output together."""

from pathlib import Path

from jinja2 import Environment

from .content import Content
from .letters import Written
from .model import Organisation


def write_index_pages(env: Environment, content: Content, org: Organisation,
                      written: dict[str, Written], out: Path) -> None:
    """``<org>/index.html``: the organisation's notices, newest first, with their documents."""
    entries = []
    for notice in content.notices_of(org.slug):
        entries.append({
            "notice": notice,
            "letter": written[notice.id],
            "circular": content.circulars[notice.circular],
            "circular_files": written[notice.circular],
            "attachments": content.attachments_of(notice),
        })
    html = env.get_template("site/org-index.html.j2").render(org=org, entries=entries, out=out)
    (out / "index.html").write_text(html, encoding="utf-8")


def write_top_index(env: Environment, content: Content, out: Path) -> None:
    """``site/index.html``: the organisations whose sites this build holds."""
    orgs = sorted(content.organisations.values(), key=lambda o: o.slug)
    (out / "index.html").write_text(env.get_template("site/top-index.html.j2").render(orgs=orgs), encoding="utf-8")
