"""Joining a dossier de demandeur d'emploi (DDE) and a dossier de recherche d'emploi (DRE) held in
two spaces (seed: « Réunir son dossier de demandeur d'emploi et son dossier de recherche d'emploi »).

A candidate signed in to one space proves they hold the other by signing in to it within the
flow (``AccountService.sign_in``: its password check and its limits). One of the two spaces
holds the DDE (``USER#{uid}/DDE``, its identifier's ``IDENT#``), the other none. The seed's three
cases, by where the candidate is signed in and what the DDE's space already holds:

- ``AJOUTER`` — signed in to the DDE's space, which has no DRE: the other space's DRE is added;
- ``REMPLACER`` — signed in to the DDE's space, which has a DRE: it is replaced by the other's;
- ``JOINDRE`` — signed in to a space without DDE: the DDE is added to it, and the DRE of the
  DDE's space (if any) is lost.

In every case the space that remains is the DDE's account (its id, its identifier, its codes
d'accès: seed, « vous devrez utiliser vos identifiants de demandeur d'emploi »), holding the DRE
kept; the other space is closed: its sign-in record ``EMAIL#`` removed, its sessions ended, its
partition and files deleted through the areas' deletion hooks.

Records:

- ``USER#{dde}`` / ``JOIN``: the join under way {other, throwaway, case, state, key, started_at},
  and ``USER#{other}`` / ``JOIN`` {dde}: written together only if absent (one join at a time per
  space), read back by either side to finish a join that stopped.
- ``USER#{dde}`` / ``JOINED#{at:010d}``: what was done (case, the closed space's address), once
  the join is over, in the same transaction as the ``JOIN`` record's deletion.
- ``USER#{uid}`` / ``JOIN-PROOF``: the other space proven by its sign-in, for 15 minutes, until
  the candidate confirms.

Steps (``state``): ``confirme`` → the DDE space's DRE, when replaced, moved to a throwaway id
and deleted as a deleted account's would be (``ecarte``) → the kept DRE moved into the DDE
space (``deplace``) → the other space closed → ``JOINED#``. Every step can run again.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from espace.accounts.service import AccountService
from espace.inscription.model import PENDING_STATES
from espace.ports import ConditionFailedError, Delete, Item, Put
from espace.reunir.moving import has_dre, move_dre
from espace.web.lifecycle import run_account_deleted
from espace.web.sessions import SESSION_SK

if TYPE_CHECKING:
    from espace.bootstrap import Services

AJOUTER, REMPLACER, JOINDRE = "ajouter", "remplacer", "joindre"
CASES = (AJOUTER, REMPLACER, JOINDRE)
PROOF_SECONDS = 15 * 60
CONFIRMED, DISCARDED, MOVED = "confirme", "ecarte", "deplace"


class Refused(Exception):
    """The two spaces cannot be joined; ``str`` is the French reason."""


@dataclass(frozen=True)
class Plan:
    me: str  # the signed-in account
    other: str  # the account proven by its sign-in
    dde: str  # the account that stays, with its DDE and its codes
    case: str

    @property
    def closed(self) -> str:
        """The space without DDE: its DRE is the one kept, its codes are invalidated."""
        return self.other if self.dde == self.me else self.me


def _profile(services: Services, user_id: str) -> Item | None:
    return services.records.get(f"USER#{user_id}", "PROFILE")


def _has_dde(services: Services, user_id: str) -> bool:
    return services.records.get(f"USER#{user_id}", "DDE") is not None


def plan(services: Services, me: str, other: str) -> Plan:
    """The case for these two spaces, or ``Refused``."""
    if me == other:
        raise Refused("Ces identifiants sont ceux de l'espace où vous êtes connecté. Saisissez ceux de votre "
                      "autre espace.")
    profile = _profile(services, other)
    if profile is None or profile.get("role", "candidat") != "candidat":
        raise Refused("Ces identifiants ne sont pas ceux d'un espace candidat.")
    mine, theirs = _has_dde(services, me), _has_dde(services, other)
    if mine and theirs:
        raise Refused("Vos deux espaces ont chacun un dossier de demandeur d'emploi : ils ne peuvent pas être "
                      "réunis ici. Adressez-vous à votre agence.")
    if not (mine or theirs):
        raise Refused("Aucun de vos deux espaces n'a de dossier de demandeur d'emploi : il n'y a rien à réunir. "
                      "Le dossier de demandeur d'emploi est créé quand votre inscription est validée.")
    for user_id in (me, other):
        if services.records.get(f"USER#{user_id}", "JOIN") is not None:
            raise Refused("Une réunion de dossiers est déjà en cours pour l'un de ces espaces. Revenez sur cette "
                          "page dans quelques instants.")
    closed = other if mine else me
    if any(item.get("state") in PENDING_STATES for item in services.records.query(f"USER#{closed}", "REGISTRATION#")):
        raise Refused("Votre espace sans dossier de demandeur d'emploi a une demande d'inscription en cours : "
                      "réunissez vos espaces une fois cette demande traitée par votre agence.")
    if mine:
        return Plan(me, other, me, REMPLACER if has_dre(services, me) else AJOUTER)
    return Plan(me, other, other, JOINDRE)


# --- the proof, until confirmation -------------------------------------------------------------
def prove(services: Services, me: str, other: str, now: float | None = None) -> Plan:
    """Record that ``me`` proved holding ``other`` (a sign-in just succeeded); the plan."""
    found = plan(services, me, other)
    at = int(now if now is not None else time.time())
    services.records.put({"pk": f"USER#{me}", "sk": "JOIN-PROOF", "other": other, "at": at,
                          "key": secrets.token_hex(16), "expires_at": at + PROOF_SECONDS})
    return found


def proof(services: Services, me: str, now: float | None = None) -> Item | None:
    item = services.records.get(f"USER#{me}", "JOIN-PROOF")
    if item is None or int(item.get("expires_at", 0)) <= int(now if now is not None else time.time()):
        return None
    return item


def forget_proof(services: Services, me: str) -> None:
    services.records.delete(f"USER#{me}", "JOIN-PROOF")


# --- the join ----------------------------------------------------------------------------------
def start(services: Services, me: str, key: str, now: float | None = None) -> Item:
    """Begin the join the proof stands for (the confirmation's ``key`` must be the proof's): the
    ``JOIN`` records written and the proof spent in one transaction. Returns the ``JOIN`` record;
    for a second submission of the same confirmation, the join it began (or ``LookupError``)."""
    item = proof(services, me, now)
    if item is None or item.get("key") != key:
        raise LookupError("no proof for this confirmation")
    found = plan(services, me, str(item["other"]))
    at = int(now if now is not None else time.time())
    closed = _profile(services, found.closed) or {}
    join = {"pk": f"USER#{found.dde}", "sk": "JOIN", "other": found.closed, "case": found.case,
            "state": CONFIRMED, "key": key, "throwaway": secrets.token_hex(16), "started_at": at,
            "by": me, "closed_email": closed.get("email", "")}
    try:
        services.records.transact([
            Put(join, if_absent=True),
            Put({"pk": f"USER#{found.closed}", "sk": "JOIN", "dde": found.dde, "key": key}, if_absent=True),
            Delete(f"USER#{me}", "JOIN-PROOF", if_present=True)])
    except ConditionFailedError as error:
        raise LookupError("a join is already under way") from error
    return join


def pending(services: Services, user_id: str) -> Item | None:
    """The ``JOIN`` record of a join under way that concerns ``user_id`` (either side)."""
    item = services.records.get(f"USER#{user_id}", "JOIN")
    if item is not None and "dde" in item:
        return services.records.get(f"USER#{item['dde']}", "JOIN")
    return item


def run(services: Services, join: Item, accounts: AccountService) -> Item:
    """Carry the join out from its recorded state to the end; returns the ``JOINED#`` record."""
    dde, other = str(join["pk"]).removeprefix("USER#"), str(join["other"])
    if join["state"] == CONFIRMED:
        # The DDE space's own DRE (none in the case « ajouter ») is lost, as a closed account's.
        throwaway = str(join["throwaway"])
        move_dre(services, dde, throwaway, messages=False)
        run_account_deleted(services, throwaway)
        accounts.delete_account(throwaway)
        join = _advance(services, join, DISCARDED)
    if join["state"] == DISCARDED:
        move_dre(services, other, dde)  # the kept DRE, and the closed space's messages
        join = _advance(services, join, MOVED)
    done = {"pk": join["pk"], "sk": f"JOINED#{int(join['started_at']):010d}", "case": join["case"],
            "key": join["key"], "closed_email": join.get("closed_email", ""),
            "started_at": join["started_at"], "ended_at": int(time.time())}
    _close(services, other, str(join.get("closed_email", "")), accounts)
    services.records.transact([Put(done), Delete(join["pk"], "JOIN")])
    return done


def _advance(services: Services, join: Item, state: str) -> Item:
    updated = {**join, "state": state}
    services.records.put(updated)
    return updated


def _close(services: Services, user_id: str, email: str, accounts: AccountService) -> None:
    """The closed space's codes invalidated: its sessions, its sign-in record, its partition."""
    records = services.records
    link = records.get(f"EMAIL#{email}", "ACCOUNT") if email else None
    if link is not None and link.get("user_id") == user_id:  # a run stopped after the profile went
        records.delete(f"EMAIL#{email}", "ACCOUNT")
    for entry in records.query(f"USER#{user_id}", "SESSION#"):
        records.transact([Delete(entry["sk"], SESSION_SK), Delete(entry["pk"], entry["sk"])])
    run_account_deleted(services, user_id)
    accounts.delete_account(user_id)


def last_join(services: Services, user_id: str) -> Item | None:
    found = services.records.query(f"USER#{user_id}", "JOINED#", limit=1, descending=True)
    return found[0] if found else None
