"""Service benchmarks: handler cold start (import time) and the sign-in round trip.

Cold start: each module is imported in a fresh interpreter, alternating with the
baseline hello handler, so both see the same machine state. Sign-in: the real
local gateway (`python -m espace.gateway`) in its own process, driven over HTTP.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = ["espace.handlers.accounts", "espace.handlers.offers"]
BASELINE = "tests.bench.hello_handler"
PASSWORD = "une phrase de passe solide"


def wait_for_port(port: int, seconds: float) -> None:
    """Return once something listens on 127.0.0.1:port (a gateway started as its own process)."""
    deadline = time.time() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.time() > deadline:
                raise RuntimeError("the gateway did not start") from None
            time.sleep(0.1)

def import_time(module: str) -> float:
    code = (f"import sys, time; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'functions')!r}]; "
            f"t = time.perf_counter(); import {module}; print(time.perf_counter() - t); "
            f"print('boto3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), out[1] == "True"


def cold_start(rounds: int = 15) -> dict:
    results = {}
    baseline = []
    samples = {module: [] for module in HANDLERS}
    boto = {}
    for _ in range(rounds):
        baseline.append(import_time(BASELINE)[0])
        for module in HANDLERS:
            seconds, boto[module] = import_time(module)
            samples[module].append(seconds)
    base = statistics.median(baseline)
    for module, values in samples.items():
        results[module] = {"median": statistics.median(values), "ratio": statistics.median(values) / base,
                           "boto3": boto[module]}
    return {"baseline": base, "handlers": results}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: one cookie jar, CSRF tokens read from forms."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read().decode()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, response.getheader("Location"), data

    def csrf(self, path: str) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.request("GET", path)[2]).group(1)


def sign_in_round_trip(requests: int = 200) -> dict:
    var = Path(tempfile.mkdtemp(prefix="bench-var-"))
    port = _free_port()
    env = {**os.environ, "ESPACE_RECORDS_URL": f"sqlite:///{var}/app.db", "ESPACE_FILES_URL": f"file://{var}/files",
           "ESPACE_MAIL_URL": f"outbox://{var}/outbox", "POWERTOOLS_LOG_LEVEL": "ERROR",
           "ESPACE_NAVIGATION_FILE": str(ROOT / "output" / "navigation.json")}
    server = subprocess.Popen([sys.executable, "-m", "espace.gateway", "--port", str(port), "--site", "output"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, seconds=30)
        browser = Browser(port)
        email = "bench@example.fr"
        browser.request("POST", "/compte/creation", {
            "csrf": browser.csrf("/compte/creation"), "identifiant": email, "mot_de_passe": PASSWORD,
            "confirmation": PASSWORD, "code_postal": "17000", "question": "1", "reponse": "Médor"})
        from espace.adapters.outbox_mail import read_outbox

        mail = read_outbox(var / "outbox")[-1].get_body(("plain",)).get_content()
        link = re.search(r"http://127\.0\.0\.1:8000(/compte/confirmation\?jeton=[\w-]+)", mail)
        assert browser.request("GET", link.group(1))[0] == 303
        timings = []
        for _ in range(requests):
            browser = Browser(port)
            token = browser.csrf("/connexion")
            started = time.perf_counter()
            status, location, _ = browser.request("POST", "/connexion", {"csrf": token, "identifiant": email,
                                                                         "mot_de_passe": PASSWORD})
            timings.append(time.perf_counter() - started)
            assert status == 303 and location == "/mon-espace", (status, location)
        timings.sort()
        return {"median": statistics.median(timings), "p95": timings[int(len(timings) * 0.95) - 1],
                "requests": requests}
    finally:
        server.terminate()
        server.wait(timeout=10)


def argon2_parameters() -> str:
    sys.path.insert(0, str(ROOT / "functions"))
    from espace.accounts.secrets import HASHER

    return (f"Argon2id, memory {HASHER.memory_cost // 1024} MiB, {HASHER.time_cost} iterations, "
            f"{HASHER.parallelism} lane")
