"""topic (項目): a reusable body section written once and used by many letters."""

import datetime

from pydantic import Field

from .common import Markdown, Slug, Strict


class Topic(Strict):
    """One of the numbered topics of section 1 (e.g. 「(1) マイナンバーカードの健康保険証利用…」)."""

    id: Slug
    heading: str
    body: Markdown = Field(description="Markdown; [[2024-12-02]] prints as 本年12月2日 or the full 和暦 date")
    valid_until: datetime.date | None = Field(None, description="last day this text is still true; "
                                                                "`check` warns on later notices")
