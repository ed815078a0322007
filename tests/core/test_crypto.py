"""Personal-data encryption and keyed hashes (`doanso.core.crypto`)."""

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.fernet import InvalidToken
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from doanso.core import crypto


@hsettings(max_examples=50)
@given(st.lists(st.text(max_size=40), max_size=20))
def test_encrypt_many_round_trips(values):
    tokens = crypto.encrypt_many(values)
    assert len(tokens) == len(values)
    assert [crypto.decrypt(t) for t in tokens] == values
    assert all(t.startswith(crypto.V2) for t in tokens)


@given(st.text(max_size=40))
def test_encrypt_round_trips_and_is_not_deterministic(value):
    a, b = crypto.encrypt(value), crypto.encrypt(value)
    assert crypto.decrypt(a) == crypto.decrypt(b) == value
    assert a != b  # a fresh nonce each time


def test_cccd_does_not_appear_in_its_token():
    token = crypto.encrypt_many(["001204000001"])[0]
    assert "001204000001" not in token


def test_tokens_written_before_v2_still_decrypt():
    legacy = crypto._keys(settings.DATA_KEY)[0].encrypt(b"001204000001").decode()  # Fernet
    assert legacy.startswith("gAAAAA") and "." not in legacy
    assert crypto.decrypt(legacy) == "001204000001"


def test_forged_tokens_are_refused():
    token = crypto.encrypt("001204000001")
    body = token[len(crypto.V2) :]
    flipped = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    with pytest.raises(InvalidTag):
        crypto.decrypt(crypto.V2 + flipped)
    with pytest.raises(InvalidToken):
        crypto.decrypt("gAAAAA" + body)


def test_another_key_cannot_read_a_token(settings):
    token = crypto.encrypt("001204000001")
    settings.DATA_KEY = settings.DATA_KEY + "-other"
    with pytest.raises(InvalidTag):
        crypto.decrypt(token)


@given(st.lists(st.text(max_size=20), max_size=10))
def test_lookup_hashes_equal_lookup_hash(values):
    assert crypto.lookup_hashes(values) == [crypto.lookup_hash(v) for v in values]


def test_lookup_hash_is_keyed_and_stable():
    h = crypto.lookup_hash("001204000001")
    assert len(h) == 64 and h == crypto.lookup_hash("001204000001") != crypto.lookup_hash("001204000002")
    import hashlib

    assert h != hashlib.sha256(b"001204000001").hexdigest()
