"""shuchi (周知): one structured source to every document a secretariat issues.

The stages, each its own module, data flowing one way::

    load (YAML + lines) -> model (pydantic) -> content (cross-references)
        -> render (Jinja HTML) -> pdf (WeasyPrint) -> publish (site/)
"""

__version__ = "0.1.0"
