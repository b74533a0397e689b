"""document (文書): a long text in chapters, such as the welfare-facility manual."""

import datetime

from pydantic import Field

from .common import Slug, Strict, relative_file

ChapterFile = relative_file(".md", "01-merits.md")


class Chapter(Strict):
    file: ChapterFile = Field(description="Markdown file beside document.yaml")


class PageTarget(Strict):
    file: ChapterFile
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
