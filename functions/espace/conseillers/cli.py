"""The administrator's commands for counsellor accounts.

    python -m espace.conseillers create-account --email conseil@example.org --agence 75 --nom "Camille Martin"

The password is read from the terminal (not echoed), or from standard input with ``--mot-de-passe-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from espace.conseillers.accounts import AccountExists, create_counsellor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.conseillers")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-account", help="create a counsellor's account in an agency")
    create.add_argument("--email", required=True)
    create.add_argument("--agence", required=True, help="the agency's id (data/agences/agences.json)")
    create.add_argument("--nom", required=True, help="the counsellor's name, as candidates see it")
    create.add_argument("--mot-de-passe-stdin", action="store_true", help="read the password from stdin")
    args = parser.parse_args(argv)

    from espace.accounts.validation import check_new_password
    from espace.bootstrap import get_services

    services = get_services()
    if services.agencies.get(args.agence) is None:
        print(f"Unknown agency {args.agence!r} (see data/agences/agences.json).", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n") if args.mot_de_passe_stdin else getpass.getpass("Mot de passe : ")
    problems = check_new_password(password, password, args.email)
    if problems:
        print(" ".join(problems.values()), file=sys.stderr)
        return 2
    try:
        user_id = create_counsellor(services.records, args.email, password, agency_id=args.agence, name=args.nom)
    except AccountExists:
        print(f"{args.email} already has an account.", file=sys.stderr)
        return 1
    print(user_id)
    return 0
