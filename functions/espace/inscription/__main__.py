"""``python -m espace.inscription drafts``: the same as ``python -m espace.inscription.cli``."""

import sys

from espace.inscription.cli import main

sys.exit(main())
