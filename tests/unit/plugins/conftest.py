import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
