"""document (文書): a long text in chapters, such as the welfare-facility manual."""

import datetime

from pydantic import Field

from .common import MarkdownFile, Slug, Strict


class Chapter(Strict):
    file: MarkdownFile = Field(description="Markdown file beside document.yaml")


class PageTarget(Strict):
    file: MarkdownFile
    heading: str = ""


class Document(Strict):
    """A manual (マニュアル) published as one page per chapter."""

    id: Slug
    title: str
    date: datetime.date
    issuers: list[str]
    chapters: list[Chapter]
    page_map: dict[int, PageTarget] = Field({}, description="original page number → chapter, for 「P25」 links")
    appendix_pages: dict[int, str] = Field({}, description="資料編 page number → what it holds")
