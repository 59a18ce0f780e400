"""``python -m inspection_schema`` works like the ``inspection-schema`` command."""

import sys

from .cli import main

sys.exit(main())
