"""``python -m shuchi``: the same command as ``shuchi``."""

import sys

from .cli import main

sys.exit(main())
