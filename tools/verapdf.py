"""veraPDF, the PDF/A and PDF/UA validator, from Maven Central: download once, run, read the report.

    python tools/verapdf.py download               # fetch and verify the jars into .cache/verapdf/
    python tools/verapdf.py check a.pdf [b.pdf…]   # PDF/UA-1: prints the failed rules, exit 1 if any

veraPDF's command line is the Maven artifact org.verapdf.apps:cli with its dependencies. The
jars are listed here with their SHA-256, as resolved once by
`mvn dependency:list` from a pom that depends on org.verapdf.apps:cli:1.30.2: no Maven is
needed to run it (urllib fetches each jar over HTTPS), and a changed artifact on the mirror
fails loudly instead of running. Java 17 runs it (`make system-deps` installs a JRE).
Importable: ``download()``, ``validate(paths)`` -> one ``Report`` per file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.opensearch import file_lock  # the same lock between test workers

VERSION = "1.30.2"
MAVEN = os.environ.get("ESPACE_MAVEN_URL", "https://repo1.maven.org/maven2")
ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ESPACE_VERAPDF_CACHE", ROOT / ".cache" / "verapdf")) / VERSION
MAIN_CLASS = "org.verapdf.apps.GreenfieldCliWrapper"  # the cli jar's Main-Class

# (group, artifact, version, classifier, sha256): org.verapdf.apps:cli:1.30.2 and its runtime dependencies.
JARS = (
    ("org.verapdf.apps", "cli", VERSION, "", "287cc9c9757f99dcff4a2d39b68268245b48103fb6af443162d5a29df2afa332"),
    ("org.verapdf.apps", "apps", VERSION, "", "0ca5a27eec0a4958efa1cfed2be2da2fcf215d24e840fce9a7cf3010d97b2968"),
    ("org.verapdf", "core", VERSION, "", "33d3d802b5e0e6e309884cb8d56cc98e6346c4d37f66268a33455da20afca531"),
    ("org.verapdf", "validation-model", VERSION, "",
     "75642612f2559c795c6351ee5b8644e89e33f47e2d6ca32651d3c7a1ab4adbdb"),
    ("org.verapdf", "pdf-model", VERSION, "", "6cb4567d30d2b1c589684c8b485705893b7e3d6ea05df1b7529053eea2fd1156"),
    ("org.verapdf", "parser", VERSION, "", "2d916016e7967da35bd7189d3f4ccdc69d17a90a641d21e7343da666380918ba"),
    ("org.verapdf", "feature-reporting", VERSION, "",
     "bb79ba458b5fced4577611fe2aef52f2617eb0b5d3a6f61de1bf57f479455ebd"),
    ("org.verapdf", "metadata-fixer", VERSION, "", "06ea900784d7f6fdbe5965c176202ff8648a233b8306ce31798a1f8edb4215a8"),
    ("org.verapdf", "verapdf-xmp-core", VERSION, "",
     "002b1cbc65357fc6c87b6cfb775f15b9b78c163a2dec45fa3d8307ad2c3067d2"),
    ("org.mozilla", "rhino", "1.7.15.1", "", "f3520a0e2e22d550f1216a456be233eb5385bf08e3219407dece7a16369eb38f"),
    ("net.sf.saxon", "Saxon-HE", "12.8", "", "58220adcb289dbebe0053e7a73ee70c97545c88f4886943d64241bf24701b72a"),
    ("org.xmlresolver", "xmlresolver", "5.3.3", "", "1fe4d5b92f708dcdb82dbce12919e0171e6b5ca62c6dca6220483625098feb5f"),
    ("org.xmlresolver", "xmlresolver", "5.3.3", "data",
     "b0c487ad2f3e558be8d829c916d2458d10aca6a5bafa7a4d0524b70845e48a5c"),
    ("com.fasterxml.jackson.core", "jackson-core", "2.21.1", "",
     "1edd5f2e49dca5f8e4519957c24b7b3050bd1c7ee883920da33cff031ff1f7c0"),
    ("com.fasterxml.jackson.core", "jackson-databind", "2.21.1", "",
     "b011eb5202d9ec889e27f1dcbdf6c63f06a76e7a16c0a1b30c6048d556c9a28e"),
    ("com.fasterxml.jackson.core", "jackson-annotations", "2.21", "",
     "53ca085f4a150f703f49e1aabd935bd03b43e1ea3d55d135438292af22cef56b"),
    ("javax.xml.bind", "jaxb-api", "2.3.1", "", "88b955a0df57880a26a74708bc34f74dcaf8ebf4e78843a28b50eae945732b06"),
    ("com.sun.xml.bind", "jaxb-core", "2.3.0.1", "",
     "d2ecba63615f317a11fb55c6468f6a9480f6411c10951d9881bafd9a9a8d0467"),
    ("com.sun.xml.bind", "jaxb-impl", "2.3.2", "", "b3a3d3aeaa5503cadc24dca9539b87efcd7bc3bd8c48018887a1489f2a77bdc0"),
    ("javax.activation", "javax.activation-api", "1.2.0", "",
     "43fdef0b5b6ceb31b0424b208b930c74ab58fac2ceeb7b3f6fd3aeb8b5ca4393"),
    ("net.java.dev.stax-utils", "stax-utils", "20070216", "",
     "7c7fd0892cb3362ed2e43ce2f76c8f18f2d7ff1d371ed7490775b7368f3fee9a"),
    ("com.beust", "jcommander", "1.81", "", "9d8b42979c99f3daa99102fe9ba1fb25f52226cb48cf58bc18acb93132e41a05"),
)


class VeraPdfError(RuntimeError):
    pass


@dataclass(frozen=True)
class Failure:
    clause: str
    test: int
    description: str
    message: str  # the first failed check's message


@dataclass(frozen=True)
class Report:
    path: str
    passed_rules: int
    failures: tuple[Failure, ...]

    @property
    def compliant(self) -> bool:
        return not self.failures


def _file_name(artifact: str, version: str, classifier: str) -> str:
    return f"{artifact}-{version}{'-' + classifier if classifier else ''}.jar"


def download() -> list[Path]:
    """Every jar in the cache, each checked against its pinned SHA-256; returns the classpath."""
    paths = []
    with file_lock(CACHE.parent / ".lock"):
        for group, artifact, version, classifier, sha256 in JARS:
            name = _file_name(artifact, version, classifier)
            dest = CACHE / name
            paths.append(dest)
            if dest.exists():
                continue
            url = f"{MAVEN}/{group.replace('.', '/')}/{artifact}/{version}/{name}"
            with urllib.request.urlopen(url, timeout=120) as response:
                data = response.read()
            if hashlib.sha256(data).hexdigest() != sha256:
                raise VeraPdfError(f"{url}: SHA-256 differs from the pinned one; not used")
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_name(name + ".part")
            part.write_bytes(data)
            part.replace(dest)
    return paths


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise VeraPdfError("veraPDF needs Java (17 or later): run `make system-deps`")
    return found


def _details(job: dict) -> dict:
    result = job.get("validationResult")
    if isinstance(result, list):
        result = result[0] if result else None
    if not result:
        raise VeraPdfError(f"veraPDF could not validate {job.get('itemDetails', {}).get('name')}: {job}")
    return result["details"]


def validate(paths: list[str | Path], timeout: float = 300) -> list[Report]:
    """Validate PDF files against the PDF/UA-1 profile, in one Java process."""
    classpath = os.pathsep.join(str(path) for path in download())
    command = [java(), "-Xss4m", "-cp", classpath, MAIN_CLASS, "--flavour", "ua1", "--format", "json",
               *[str(path) for path in paths]]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    try:
        report = json.loads(run.stdout)["report"]
    except (ValueError, KeyError):
        raise VeraPdfError(f"veraPDF gave no report (exit {run.returncode}): {run.stderr[-2000:]}") from None
    reports = []
    for job in report["jobs"]:
        details = _details(job)
        failures = tuple(Failure(rule["clause"], int(rule["testNumber"]), rule["description"],
                                 (rule.get("checks") or [{}])[0].get("errorMessage", ""))
                         for rule in details.get("ruleSummaries", []) if rule.get("ruleStatus") == "FAILED")
        reports.append(Report(job["itemDetails"]["name"], int(details["passedRules"]), failures))
    if len(reports) != len(paths):
        raise VeraPdfError(f"veraPDF reported {len(reports)} files out of {len(paths)}")
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("download")
    check = sub.add_parser("check")
    check.add_argument("pdf", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "download":
        print("\n".join(str(path) for path in download()))
        return 0
    failed = 0
    for report in validate(args.pdf):
        print(f"{report.path}: {report.passed_rules} rules passed, {len(report.failures)} failed")
        for failure in report.failures:
            print(f"  ISO 14289-1 {failure.clause} test {failure.test}: {failure.description} ({failure.message})")
        failed += not report.compliant
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
