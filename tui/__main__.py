"""``python -m tui``: the same as the ``lede`` command."""

import sys

from tui.cli import main

sys.exit(main())
