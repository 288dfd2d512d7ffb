"""``python -m adrtui``: the same entry point as the ``adrtui`` console script."""

import sys

from adrtui.cli import main

sys.exit(main())
