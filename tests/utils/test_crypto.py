import hashlib

import pytest

from framework.utils.crypto import (
    constant_time_compare,
    get_random_string,
    pbkdf2,
    salted_hmac,
)


def test_random_string_length_and_alphabet():
    value = get_random_string(32, "ab")
    assert len(value) == 32 and set(value) <= {"a", "b"}
    assert get_random_string(32) != get_random_string(32)


def test_constant_time_compare_mixed_types():
    assert constant_time_compare("abc", b"abc")
    assert not constant_time_compare("abc", "abd")


def test_salted_hmac_depends_on_salt_and_secret():
    a = salted_hmac("sessions", "value", "secret").hexdigest()
    assert a != salted_hmac("reset", "value", "secret").hexdigest()
    assert a != salted_hmac("sessions", "value", "other").hexdigest()
    assert a == salted_hmac("sessions", b"value", b"secret").hexdigest()


def test_salted_hmac_rejects_unknown_algorithm():
    with pytest.raises(ValueError, match="hashlib"):
        salted_hmac("s", "v", "k", algorithm="nope")


def test_pbkdf2_matches_hashlib():
    expected = hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000)
    assert pbkdf2("pw", "salt", 1000) == expected
