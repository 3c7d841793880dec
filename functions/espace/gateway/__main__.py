"""`python -m espace.gateway`: serve the site and the handlers on http://127.0.0.1:8000.

The handlers read their settings from the environment as usual; with nothing set they use
the embedded profile, whose state (SQLite, files, outbox) lives in the project's var/.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import sys
from pathlib import Path

from espace.settings import PROJECT_ROOT

from .routes import TemplateError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost could resolve anywhere


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m espace.gateway",
        description="Passerelle locale : le site Pelican et les services Lambda sur un seul port.",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute, boucle locale uniquement (défaut : 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port d'écoute (défaut : 8000)")
    parser.add_argument("--site", type=Path, default=PROJECT_ROOT / "output",
                        help="dossier du site construit (défaut : output)")
    parser.add_argument("--template", type=Path, default=PROJECT_ROOT / "infra" / "template.yaml",
                        help="modèle SAM dont les routes sont servies (défaut : infra/template.yaml)")
    args = parser.parse_args(argv)
    # The gateway has no TLS, no rate limiting and serves a developer's data: it must not
    # be reachable from the network.
    if not is_loopback(args.host):
        parser.exit(2, f"Erreur : la passerelle locale n'écoute que sur la boucle locale (127.0.0.1), "
                       f"pas sur {args.host!r}.\n")
    if not args.site.is_dir():
        parser.exit(2, f"Erreur : le dossier du site {str(args.site)!r} n'existe pas ; "
                       "construisez-le avec `make site`.\n")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # After the checks: a usage error should not pay for these imports.
    from .app import GatewayApp
    from .server import create_server

    try:
        app = GatewayApp(args.site, args.template)
    except TemplateError as error:
        print(f"Erreur : modèle SAM inutilisable : {error}", file=sys.stderr)
        return 2
    logging.getLogger("espace.gateway").info(
        "%d routes from %s; site %s; http://%s:%d/", len(app.routes), args.template, args.site, args.host, args.port)
    try:
        server = create_server(app, args.host, args.port)
    except OSError as error:  # typically the port is taken (another `make run`?)
        print(f"Erreur : impossible d'écouter sur {args.host}:{args.port} : {error.strerror or error}", file=sys.stderr)
        return 1
    server.run()  # until Ctrl-C, which waitress's loop turns into a clean stop
    return 0


if __name__ == "__main__":
    sys.exit(main())
