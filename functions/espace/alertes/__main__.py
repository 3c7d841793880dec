"""``python -m espace.alertes``: the same as ``python -m espace.alertes.cli``."""

import sys

from espace.alertes.cli import main

sys.exit(main())
