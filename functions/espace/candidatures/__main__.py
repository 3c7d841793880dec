"""``python -m espace.candidatures retention``: the same as ``python -m espace.candidatures.cli``."""

import sys

from espace.candidatures.cli import main

sys.exit(main())
