"""The issue-12 stage: the steps' task list is served, and a draft saved today is in the age index."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client, user_id_of


def test_the_task_list_lists_five_steps_and_a_saved_step_enters_the_age_index(platform):
    import time

    from espace.bootstrap import get_services
    from espace.inscription.flow import FLOW
    from espace.web.steps import age_key

    client = signed_in_client(platform, "candidat@example.org")
    page = client.get("/mon-espace/inscription/demande")
    assert page.status == 200 and page.text().count("Non commencé") == 5
    from tests.functional.inscription.samples import administrative

    saved = client.post("/mon-espace/inscription/demande/situation-administrative",
                        {**administrative.VALUES, "action": "plus-tard"})
    assert saved.status == 303
    uid = user_id_of("candidat@example.org")
    assert get_services().records.get(age_key(FLOW, int(time.time())), uid)["user_id"] == uid
