from espace.accounts.secrets import hash_secret, new_token, normalize_answer, token_key, verify_secret


def test_answers_ignore_case_accents_and_spaces():
    assert normalize_answer("  Médor   le  CHIEN ") == normalize_answer("medor le chien") == "medor le chien"


def test_hashes_are_argon2id_and_verify():
    stored = hash_secret("une phrase solide")
    assert stored.startswith("$argon2id$")
    assert verify_secret(stored, "une phrase solide")
    assert not verify_secret(stored, "une autre phrase")
    assert not verify_secret(None, "une phrase solide")  # unknown account: same work, always False
    assert not verify_secret("pas un hash", "x")


def test_tokens_are_random_and_stored_hashed():
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 43
    assert token_key(first).startswith("TOKEN#") and first not in token_key(first)
