#!/usr/bin/env python3
"""shuchi's command in a checkout: ``python build.py`` builds this project; ``python build.py --help`` lists
the commands. The same as ``shuchi --root <this folder>`` once shuchi is installed."""

import sys
from pathlib import Path

from shuchi.cli import main

if __name__ == "__main__":
    sys.exit(main(default_root=Path(__file__).resolve().parent))
