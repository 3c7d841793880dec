"""Every component example, in each of its states, checked by axe-core and the reflow
check in headless Chromium (tests/components.py renders them)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.browser.conftest import QuietHandler
from tests.components import render_examples
from tests.pagecheck import page_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def examples_url(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("composants")
    # The examples link to the site's stylesheet: serve them beside a copy of it.
    (out / "theme").symlink_to(site / "theme")
    pages = render_examples(out)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", pages
    server.shutdown()


def test_every_component_example(examples_url, axe_check):
    base, pages = examples_url
    failures = {}
    for path in pages:
        problems = page_problems(path.read_text(encoding="utf-8"))
        problems += axe_check(f"{base}/composants/{path.name}")
        if problems:
            failures[path.name] = problems
    assert failures == {}
