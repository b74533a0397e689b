#!/usr/bin/env python3
"""shuchi's command: `python build.py` builds everything; `python build.py --help` lists the commands."""

import sys

from shuchi.cli import main

if __name__ == "__main__":
    sys.exit(main())
