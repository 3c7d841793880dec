"""A real OpenSearch node on loopback, without Docker: download, start, stop.

    python tools/opensearch.py download          # fetch + verify + unzip into .cache/opensearch/
    python tools/opensearch.py start [--port N]  # start a node, wait for yellow/green health
    python tools/opensearch.py status [--port N]
    python tools/opensearch.py stop [--port N]

The node is the OpenSearch *integration-test* distribution from Maven Central: a
complete node without the security plugin (plain HTTP, no password), which is what a
test suite and `make run SEARCH=opensearch` want. That zip ships one module only
(transport-netty4), so the two the offer index needs are laid beside it from their
Maven jars, as the full distribution lays them out:
- analysis-common: the snowball (French) and asciifolding filters of the offer text;
- lang-painless: the scripts (BM25 squashed into [0, 100), exact haversine).

Everything is pinned (version and the zip's SHA-512) and also checked against the
checksums Maven publishes. Java 17 runs it; Java >= 24 cannot (OpenSearch 2.x needs
the SecurityManager, which Java 24 removed), so an explicit JDK is picked. OpenSearch
refuses to run as root: as root, the node runs in a user namespace (or as `nobody`).
Importable: `download()`, `start(port, data_dir)`, `stop(...)`, `health(url)`.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

VERSION = "2.19.6"
# Pinned, so a changed artifact on the mirror fails loudly instead of running.
ZIP_SHA512 = ("8adbfaa13162b8d42b388ece6b39bfb7f1a349ab9c128d4eced78ba1dd43b5a1"
              "0850b43b8aac19fa5ab11f4d5c355ddf6f6617514d6112b0936a1903005d1d36")
MAVEN = os.environ.get("ESPACE_MAVEN_URL", "https://repo1.maven.org/maven2")
ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ESPACE_OPENSEARCH_CACHE", ROOT / ".cache" / "opensearch"))
HOME = CACHE / f"opensearch-{VERSION}"
DEFAULT_PORT = 9200
HEAP = "512m"

# The modules' jars, from the poms of org.opensearch.plugin:<name>:2.19.6. The
# descriptor values are those of the full distribution's modules/ folder.
MODULES = {
    "lang-painless": {
        "classname": "org.opensearch.painless.PainlessPlugin",
        "description": "An easy, safe and fast scripting language for OpenSearch",
        "extended": "",
        "jars": [("org.opensearch.plugin", "lang-painless", VERSION),
                 ("org.opensearch.plugin", "opensearch-scripting-painless-spi", VERSION),
                 ("org.antlr", "antlr4-runtime", "4.13.1"),
                 *[("org.ow2.asm", a, "9.7") for a in ("asm", "asm-util", "asm-tree", "asm-commons", "asm-analysis")]],
        # Painless compiles scripts to classes at run time: the permissions of its own policy.
        "policy": 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n'
                  '  permission java.lang.RuntimePermission "getClassLoader";\n};\n',
    },
    "analysis-common": {
        "classname": "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "description": 'Adds "built in" analyzers to OpenSearch.',
        "extended": "lang-painless",  # it ships a Painless extension (analysis whitelist)
        "jars": [("org.opensearch.plugin", "analysis-common", VERSION)],
    },
    "percolator": {  # the alert matcher's index of saved searches (espace.adapters.alerts_opensearch)
        "classname": "org.opensearch.percolator.PercolatorPlugin",
        "description": "Percolator module adds capability to index queries and query these queries by "
                       "specifying documents",
        "extended": "",
        "jars": [("org.opensearch.plugin", "percolator-client", VERSION)],
    },
}


class OpenSearchError(RuntimeError):
    pass


@contextlib.contextmanager
def file_lock(path: Path):
    """An exclusive lock between processes (test workers, two `make` runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _maven_url(group: str, artifact: str, version: str, ext: str) -> str:
    return f"{MAVEN}/{group.replace('.', '/')}/{artifact}/{version}/{artifact}-{version}.{ext}"


def _get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def _fetch(url: str, dest: Path, pinned_sha512: str | None = None) -> None:
    """Download url to dest, checked against Maven's .sha512 (or .sha1) and the pin."""
    if dest.exists():
        return
    try:
        algorithm, expected = "sha512", _get(url + ".sha512").decode().split()[0]
    except urllib.error.HTTPError:
        algorithm, expected = "sha1", _get(url + ".sha1").decode().split()[0]
    digest = hashlib.new(algorithm)
    part = dest.with_name(dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
        while chunk := response.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    actual = digest.hexdigest()
    if actual != expected.lower() or (pinned_sha512 and actual != pinned_sha512):
        part.unlink()
        raise OpenSearchError(f"checksum mismatch for {url}: got {algorithm} {actual}")
    part.rename(dest)


def _unzip(archive: Path, target: Path) -> None:
    """zipfile drops the Unix modes: restore them, or bin/opensearch is not executable."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, target))
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                path.chmod(mode & 0o777)


def _install_modules(home: Path, only_missing: bool = False) -> None:
    """Lay each module out in its folder, built aside then renamed, so a node starting meanwhile
    never sees half a module. ``only_missing``: leave the modules already there alone (a cache
    installed before a module was added to MODULES)."""
    downloads = CACHE / "downloads"
    for name, spec in MODULES.items():
        final = home / "modules" / name
        if only_missing and (final / "plugin-descriptor.properties").exists():
            continue
        folder = home / "modules" / f".{name}-{os.getpid()}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for group, artifact, version in spec["jars"]:
            jar = downloads / f"{artifact}-{version}.jar"
            _fetch(_maven_url(group, artifact, version, "jar"), jar)
            shutil.copy2(jar, folder / jar.name)
        (folder / "plugin-descriptor.properties").write_text(
            f"description={spec['description']}\nversion={VERSION}\nname={name}\n"
            f"classname={spec['classname']}\njava.version=11\nopensearch.version={VERSION}\n"
            f"custom.foldername=\nextended.plugins={spec['extended']}\nhas.native.controller=false\n")
        if "policy" in spec:
            (folder / "plugin-security.policy").write_text(spec["policy"])
        shutil.rmtree(final, ignore_errors=True)
        folder.rename(final)


def _modules_present() -> bool:
    return all((HOME / "modules" / name / "plugin-descriptor.properties").exists() for name in MODULES)


def download(quiet: bool = False) -> Path:
    """Fetch, verify and unpack the distribution and its modules once; returns its home."""
    marker = HOME / ".espace-installed"
    if marker.exists() and _modules_present():
        return HOME
    with file_lock(CACHE / "install.lock"):
        if marker.exists():  # installed (maybe by another process meanwhile): add what MODULES gained since
            _install_modules(HOME, only_missing=True)
            return HOME
        started = time.monotonic()
        archive = CACHE / "downloads" / f"opensearch-{VERSION}.zip"
        _fetch(_maven_url("org.opensearch.distribution.integ-test-zip", "opensearch", VERSION, "zip"),
               archive, ZIP_SHA512)
        staging = CACHE / f"staging-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        _unzip(archive, staging)
        _install_modules(staging / f"opensearch-{VERSION}")
        shutil.rmtree(HOME, ignore_errors=True)
        (staging / f"opensearch-{VERSION}").rename(HOME)
        staging.rmdir()
        marker.write_text(VERSION)
        if not quiet:
            size = archive.stat().st_size / 1e6
            print(f"OpenSearch {VERSION} ({size:.0f} MB) ready in {HOME} "
                  f"after {time.monotonic() - started:.1f} s", file=sys.stderr)
    return HOME


def _java_major(java_home: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError, StopIteration):
        line = next(x for x in (java_home / "release").read_text().splitlines() if x.startswith("JAVA_VERSION="))
        return int(line.split("=", 1)[1].strip('"').split(".")[0])
    return None


def java_home() -> Path:
    """A JDK that OpenSearch 2.x runs on (11..23): OPENSEARCH_JAVA_HOME wins, then JAVA_HOME,
    then the `java` on PATH, then any JDK under /usr/lib/jvm (newest usable first)."""
    if os.environ.get("OPENSEARCH_JAVA_HOME"):
        return Path(os.environ["OPENSEARCH_JAVA_HOME"])
    candidates = [Path(os.environ["JAVA_HOME"])] if os.environ.get("JAVA_HOME") else []
    if java := shutil.which("java"):
        candidates.append(Path(java).resolve().parent.parent)
    candidates += sorted(Path("/usr/lib/jvm").glob("*"), key=lambda p: _java_major(p) or 0, reverse=True)
    for candidate in candidates:
        if (major := _java_major(candidate)) and 11 <= major <= 23:
            return candidate
    raise OpenSearchError("OpenSearch 2.19 needs Java 11 to 23 (17 advised): install default-jre-headless "
                          "or set OPENSEARCH_JAVA_HOME")


def default_dir(port: int) -> Path:
    return CACHE / "nodes" / str(port)


def health(url: str, timeout: float = 2) -> dict | None:
    with contextlib.suppress(OSError, ValueError):
        return json.loads(_get(f"{url}/_cluster/health", timeout=timeout))
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Node:
    pid: int
    port: int
    data_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _log_tail(data_dir: Path, port: int, lines: int = 40) -> str:
    tails = []
    for log in (data_dir / "console.log", data_dir / "logs" / f"espace-{port}.log"):
        if log.exists():
            tails.append(f"--- {log}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]))
    return "\n".join(tails) or "(no log written)"


# The nodes this process started: kept so their Popen objects are reaped (and not
# reported as "still running" when garbage-collected).
_CHILDREN: dict[int, subprocess.Popen] = {}


def alive(pid: int) -> bool:
    if pid in _CHILDREN:
        return _CHILDREN[pid].poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A node started by another process that has not reaped it yet is a zombie: gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _as_non_root(data_dir: Path) -> tuple[list[str], dict]:
    """OpenSearch refuses to run as root (CI runs as root). A user namespace makes the JVM
    see an unprivileged uid while it keeps root's access to root-owned files (the cache,
    pytest's 0700 temp dirs); where user namespaces are denied, run as `nobody` instead."""
    if os.geteuid() != 0:
        return [], {}
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--user", "true"], capture_output=True).returncode == 0:
        return [unshare, "--user"], {}
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chown(path, 65534, 65534)  # nobody must own what the node writes
    return [], {"user": 65534, "group": 65534}


def _own_jvm_paths(jvm_options: Path, data_dir: Path) -> None:
    """jvm.options writes gc.log, heap dumps and crash logs relative to the working
    directory, which bin/opensearch sets to the *distribution*: two nodes would share
    one rotating gc.log (and `nobody` cannot write there). Point them at the node's own
    folder instead."""
    text = jvm_options.read_text()
    for relative, absolute in (("file=logs/gc.log", f"file={data_dir}/logs/gc.log"),
                               ("filecount=32,filesize=64m", "filecount=2,filesize=16m"),
                               ("-XX:HeapDumpPath=data", f"-XX:HeapDumpPath={data_dir}/data"),
                               ("-XX:ErrorFile=logs/", f"-XX:ErrorFile={data_dir}/logs/")):
        text = text.replace(relative, absolute)
    jvm_options.write_text(text)


def start(port: int = DEFAULT_PORT, data_dir: Path | str | None = None, timeout: float = 180) -> Node:
    """Start a single-node cluster on 127.0.0.1:port and wait until it is yellow or green.

    data_dir holds the node's data/, logs/, its own copy of config/ (the node writes its
    keystore there, so two nodes never share one) and the PID file `opensearch.pid`.
    """
    home = download()
    data_dir = Path(data_dir) if data_dir else default_dir(port)
    with socket.socket() as sock:
        in_use = sock.connect_ex(("127.0.0.1", port)) == 0
    if in_use:
        raise OpenSearchError(f"port {port} is already in use (a node already running? "
                              f"`python tools/opensearch.py status --port {port}`)")
    for folder in ("data", "logs", "tmp"):
        (data_dir / folder).mkdir(parents=True, exist_ok=True)
    config = data_dir / "config"
    if not config.exists():
        shutil.copytree(home / "config", config)
        _own_jvm_paths(config / "jvm.options", data_dir)
    env = {**os.environ, "OPENSEARCH_JAVA_HOME": str(java_home()), "OPENSEARCH_PATH_CONF": str(config),
           "OPENSEARCH_TMPDIR": str(data_dir / "tmp"),
           # After jvm.options, so it wins over its -Xms1g/-Xmx1g.
           "OPENSEARCH_JAVA_OPTS": f"-Xms{HEAP} -Xmx{HEAP} {os.environ.get('OPENSEARCH_JAVA_OPTS', '')}"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    settings = {
        "cluster.name": f"espace-{port}", "node.name": f"espace-{port}",
        "discovery.type": "single-node",
        "network.host": "127.0.0.1", "http.port": str(port),
        "path.data": str(data_dir / "data"), "path.logs": str(data_dir / "logs"),
        # A nearly full CI disk must not turn the indices read-only mid-suite.
        "cluster.routing.allocation.disk.threshold_enabled": "false",
    }
    prefix, identity = _as_non_root(data_dir)
    args = [*prefix, str(home / "bin" / "opensearch"), *[f"-E{k}={v}" for k, v in settings.items()]]
    started = time.monotonic()
    with open(data_dir / "console.log", "ab") as console:
        # Its own session: a Ctrl-C on `make opensearch-start` must not kill the node.
        process = subprocess.Popen(args, cwd=data_dir, env=env, stdin=subprocess.DEVNULL,
                                   stdout=console, stderr=subprocess.STDOUT, start_new_session=True, **identity)
    _CHILDREN[process.pid] = process
    node = Node(process.pid, port, data_dir)
    (data_dir / "opensearch.pid").write_text(json.dumps({"pid": process.pid, "port": port}))
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            _CHILDREN.pop(process.pid, None)
            (data_dir / "opensearch.pid").unlink(missing_ok=True)
            raise OpenSearchError(f"OpenSearch exited with {process.returncode}:\n{_log_tail(data_dir, port)}")
        state = health(node.url)
        if state and state.get("status") in ("yellow", "green"):
            return node
        time.sleep(0.5)
    _stop_pid(process.pid)
    (data_dir / "opensearch.pid").unlink(missing_ok=True)
    raise OpenSearchError(f"OpenSearch not healthy after {timeout:.0f} s:\n{_log_tail(data_dir, port)}")


def _stop_pid(pid: int, grace: float = 30) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)  # a clean shutdown flushes the translog
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and alive(pid):
            time.sleep(0.2)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    if pid in _CHILDREN:
        _CHILDREN.pop(pid).wait()


def stop(port: int = DEFAULT_PORT, data_dir: Path | str | None = None) -> bool:
    """Stop the node whose PID file is in data_dir; False when none was running."""
    pid_file = Path(data_dir or default_dir(port)) / "opensearch.pid"
    if not pid_file.exists():
        return False
    pid = json.loads(pid_file.read_text())["pid"]
    if running := alive(pid):
        _stop_pid(pid)
    pid_file.unlink(missing_ok=True)
    return running


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["download", "start", "stop", "status"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("OPENSEARCH_PORT", DEFAULT_PORT)))
    parser.add_argument("--data-dir", type=Path, help="data, logs and PID file (default .cache/opensearch/nodes/PORT)")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{args.port}"
    try:
        if args.command == "download":
            print(download())
        elif args.command == "start":
            pid_file = Path(args.data_dir or default_dir(args.port)) / "opensearch.pid"
            if pid_file.exists() and alive(json.loads(pid_file.read_text())["pid"]) and health(url):
                print(f"OpenSearch already running at {url}")
                return 0
            began = time.monotonic()
            node = start(args.port, args.data_dir, args.timeout)
            print(f"OpenSearch {VERSION} running at {node.url} (pid {node.pid}, "
                  f"started in {time.monotonic() - began:.1f} s, data in {node.data_dir})")
        elif args.command == "stop":
            print("stopped" if stop(args.port, args.data_dir) else f"no node of ours on port {args.port}")
        else:
            state = health(url)
            print(f"{url}: {state['status']} ({state['number_of_nodes']} node)" if state else f"{url}: not running")
            return 0 if state else 1
    except OpenSearchError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
