"""Japanese search for the intranet sites: Pagefind's extended build, run after MkDocs.

Measured on the default content (README, "Search"): Material's own lunr search misses
compounds that mix kanji and katakana and shows at most ten unranked hits, while
Pagefind's extended build segments Japanese the same way when indexing and when
searching. Its index and UI are static files inside the site: nothing leaves the intranet.
"""

import subprocess
import sys
from pathlib import Path

from ..errors import BuildError
from ..processes import die_with_parent

SEARCH_PAGE = """# サイト内検索

<div data-pagefind-ignore="all">
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<div id="shuchi-search-results"></div>
<script src="pagefind/pagefind-ui.js"></script>
<script>
  const ui = new PagefindUI({ element: "#shuchi-search-results", showSubResults: true, showImages: false });
  document.querySelector(".pagefind-ui__search-input")?.setAttribute("aria-label", "検索する言葉");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
</script>
</div>
"""
"""The search page: Pagefind's UI, started with the words typed in any page's search form."""


def write_search_page(docs: Path) -> None:
    (docs / "search.md").write_text(SEARCH_PAGE, encoding="utf-8")


def index_site(site: Path) -> None:
    """Build the Pagefind index of a built site into ``site/pagefind/``."""
    result = subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--site", str(site)],
                            capture_output=True, text=True, preexec_fn=die_with_parent)
    if result.returncode != 0:
        raise BuildError(f"the search index of {site.name} could not be built: "
                         f"{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
