"""Stage 2, content (内容): load every file of ``content/`` into the model and check what refers to what.

* :mod:`.source` reads YAML keeping each value's line; :mod:`.recipients` reads CSV/YAML lists (宛先一覧);
* :mod:`.loader` turns files into model objects, :mod:`.messages` pydantic's errors into plain words;
* :mod:`.references` and :mod:`.files` check what files say about each other and the files they name;
* :mod:`.guard` refuses personal numbers (個人番号), :mod:`.active` anything that would run in a browser;
* :mod:`.check` is ``build.py check``: all of the above plus the organisations' own templates.
"""

from .check import check_content
from .loader import load_content, load_recipient_file
from .store import Content

__all__ = ["Content", "check_content", "load_content", "load_recipient_file"]
