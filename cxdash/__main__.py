"""Entry point for `python -m cxdash`."""

import sys

from cxdash.cli import main

sys.exit(main())
