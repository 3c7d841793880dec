import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))  # the build checks (plugins/markdown_leftovers) run on the built site too
