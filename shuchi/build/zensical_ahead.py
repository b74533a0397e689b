"""Zensical started ahead (先行起動): a process of its own, as :mod:`.engine` runs it, that imports Zensical and the
Markdown extensions our ``mkdocs.yml`` names while the site's pages are still being written, then builds the
configuration whose path it reads on its standard input. Run as ``python -m shuchi.build.zensical_ahead``.
"""

import os
import sys


def main() -> None:
    import markdown.extensions.admonition  # noqa: F401
    import markdown.extensions.attr_list  # noqa: F401
    import markdown.extensions.md_in_html  # noqa: F401
    import markdown.extensions.tables  # noqa: F401
    import markdown.extensions.toc  # noqa: F401
    import pymdownx.slugs  # noqa: F401
    import zensical.config  # noqa: F401
    from zensical.main import cli

    from . import sitemarkdown  # noqa: F401

    config = sys.stdin.readline().strip()
    if not config:  # the build that started it no longer needs it
        return
    os.chdir(os.path.dirname(config))
    cli(["build", "--config-file", os.path.basename(config)], prog_name="zensical")


if __name__ == "__main__":
    main()
