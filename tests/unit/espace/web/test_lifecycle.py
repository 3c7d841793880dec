from espace.web import lifecycle


def test_hooks_run_once_each_even_when_registered_again(monkeypatch):
    monkeypatch.setattr(lifecycle, "_HOOKS", {})
    calls = []

    def forget(services, user_id):
        calls.append((services, user_id))

    lifecycle.on_account_deleted(forget)
    lifecycle.on_account_deleted(forget)  # a module imported twice
    lifecycle.run_account_deleted("services", "u1")
    assert calls == [("services", "u1")]
