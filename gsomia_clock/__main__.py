"""`python -m gsomia_clock`, the same as the `gsomia-clock` command."""

import sys

from .cli import main

sys.exit(main())
