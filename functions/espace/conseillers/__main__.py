import sys

from espace.conseillers.cli import main

sys.exit(main())
