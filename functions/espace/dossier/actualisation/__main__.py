"""``python -m espace.dossier.actualisation run``: the same as espace.dossier.actualisation.cli."""

import sys

from espace.dossier.actualisation.cli import main

sys.exit(main())
