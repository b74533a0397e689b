"""``build.py check``: every problem in content/ and in the organisations' own templates, in one run.

Kept apart from the build so that checking never imports WeasyPrint (a second of start-up).
"""

from pathlib import Path

from ..errors import BuildError, ContentError
from ..typeset.environment import environment
from ..typeset.sandbox import check_own_templates
from .loader import load_content
from .store import Content


def check_content(root: Path) -> Content:
    """Load and validate ``root/content`` and the organisations' own templates; raises ContentError with every
    problem."""
    if not (root / "content").is_dir():
        raise BuildError(f"{root / 'content'} is not a folder; expected the project folder holding content/ "
                         f"(give it with --root)")
    content, problems = None, []
    try:
        content = load_content(root / "content", display_root=root)
    except ContentError as error:
        problems = error.problems
    slugs = {path.stem for path in (root / "content" / "organisations").glob("*.yaml")}
    problems += check_own_templates(root / "content", environment(), slugs, root)
    if problems or content is None:
        raise ContentError(sorted(problems, key=lambda problem: (str(problem.file), problem.line)))
    return content
