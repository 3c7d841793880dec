"""The mention rewriting that moves a DRE's records from one account id to another."""

from __future__ import annotations

from espace.reunir.moving import DRE, MESSAGES, rewrite

OLD, NEW = "a" * 32, "b" * 32


def test_every_mention_of_the_old_id_is_rewritten_at_any_depth():
    item = {"pk": f"USER#{OLD}", "sk": "APPLICATION#100AAAA", "candidate_id": OLD, "count": 3, "read": False,
            "cv": {"file_key": f"users/{OLD}/candidatures/x/cv.pdf", "pages": [f"users/{OLD}/a", 1, None]}}
    moved = rewrite(item, OLD, NEW)
    assert moved == {"pk": f"USER#{NEW}", "sk": "APPLICATION#100AAAA", "candidate_id": NEW, "count": 3,
                     "read": False, "cv": {"file_key": f"users/{NEW}/candidatures/x/cv.pdf",
                                           "pages": [f"users/{NEW}/a", 1, None]}}
    assert OLD not in repr(moved)
    assert item["candidate_id"] == OLD  # the source is not changed in place


def test_the_messages_are_never_among_what_a_replaced_dre_loses():
    assert not set(MESSAGES) & set(DRE)
    assert "DDE" not in DRE and not any(prefix.startswith(("LETTER", "REGISTRATION", "PROFILE")) for prefix in DRE)
