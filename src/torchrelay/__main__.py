"""Run the torchrelay command as ``python -m torchrelay``."""

import sys

from .cli import main

sys.exit(main())
