"""Tests for framework/http/datastructures.py: MultiValueDict, QueryDict, headers."""

from __future__ import annotations

import copy
import pickle

import pytest

from framework.core.exceptions import BadRequest, TooManyFieldsSent
from framework.http.datastructures import (
    CaseInsensitiveMapping,
    HttpHeaders,
    MultiValueDict,
    MutableHeaders,
    QueryDict,
)

# -- MultiValueDict ------------------------------------------------------------


def make() -> MultiValueDict:
    return MultiValueDict([("a", "1"), ("b", "2"), ("a", "3")])


def test_getitem_returns_last_value_and_getlist_all() -> None:
    d = make()
    assert d["a"] == "3"
    assert d.getlist("a") == ["1", "3"]
    assert d.getlist("missing") == []
    assert d.getlist("missing", ["x"]) == ["x"]


def test_missing_key_raises_key_error() -> None:
    with pytest.raises(KeyError):
        make()["missing"]


def test_get_default_and_empty_list() -> None:
    d = make()
    d.setlist("empty", [])
    assert d.get("a") == "3"
    assert d.get("missing") is None
    assert d.get("missing", "dflt") == "dflt"
    assert d.get("empty", "dflt") == "dflt"
    assert d["empty"] == []


def test_getlist_returns_a_copy() -> None:
    d = make()
    d.getlist("a").append("x")
    assert d.getlist("a") == ["1", "3"]


def test_setitem_replaces_all_values() -> None:
    d = make()
    d["a"] = "z"
    assert d.getlist("a") == ["z"]


def test_setlist_appendlist_setlistdefault() -> None:
    d = MultiValueDict()
    d.setlist("k", ["1", "2"])
    d.appendlist("k", "3")
    d.appendlist("new", "x")
    assert d.getlist("k") == ["1", "2", "3"]
    assert d.getlist("new") == ["x"]
    assert d.setlistdefault("k", ["no"]) == ["1", "2", "3"]
    assert d.setlistdefault("other", ["d"]) == ["d"]
    stored = d.setlistdefault("other")
    stored.append("e")
    assert d.getlist("other") == ["d", "e"]


def test_setdefault_stores_a_single_value() -> None:
    d = MultiValueDict()
    assert d.setdefault("name", "Ada") == "Ada"
    assert d.getlist("name") == ["Ada"]
    assert d.setdefault("name", "Bob") == "Ada"


def test_items_values_lists() -> None:
    d = make()
    assert list(d.items()) == [("a", "3"), ("b", "2")]
    assert list(d.values()) == ["3", "2"]
    assert list(d.lists()) == [("a", ["1", "3"]), ("b", ["2"])]
    assert list(d) == ["a", "b"]
    assert len(d) == 2


def test_dict_method_gives_last_values() -> None:
    assert make().dict() == {"a": "3", "b": "2"}


def test_update_appends_from_every_source() -> None:
    d = make()
    d.update(MultiValueDict([("a", "4"), ("a", "5")]))
    d.update({"b": "6"})
    d.update([("c", "7")])
    d.update(c="8")
    assert d.getlist("a") == ["1", "3", "4", "5"]
    assert d.getlist("b") == ["2", "6"]
    assert d.getlist("c") == ["7", "8"]


def test_update_rejects_two_positional_arguments() -> None:
    with pytest.raises(TypeError):
        make().update({}, {})


def test_update_with_itself_doubles_values() -> None:
    d = make()
    d.update(d)
    assert d.getlist("a") == ["1", "3", "1", "3"]


def test_or_operators_append() -> None:
    d = make()
    merged = d | {"a": "9"}
    assert merged.getlist("a") == ["1", "3", "9"]
    assert d.getlist("a") == ["1", "3"]
    d |= {"b": "x"}
    assert d.getlist("b") == ["2", "x"]


def test_construct_from_mapping_of_lists_and_from_another() -> None:
    d = MultiValueDict({"a": ["1", "2"], "b": "solo"})
    assert d.getlist("a") == ["1", "2"]
    assert d.getlist("b") == ["solo"]  # not ['s', 'o', 'l', 'o']
    clone = MultiValueDict(make())
    assert clone.getlist("a") == ["1", "3"]


def test_copy_is_independent() -> None:
    d = make()
    for c in (d.copy(), copy.copy(d), copy.deepcopy(d)):
        assert isinstance(c, MultiValueDict)
        assert c.getlist("a") == ["1", "3"]
        c.appendlist("a", "new")
        assert d.getlist("a") == ["1", "3"]


def test_deepcopy_copies_values() -> None:
    d = MultiValueDict([("a", ["nested"])])
    c = copy.deepcopy(d)
    c["a"].append("x")
    assert d["a"] == ["nested"]


def test_pickle_keeps_every_value() -> None:
    d = make()
    assert pickle.loads(pickle.dumps(d)).getlist("a") == ["1", "3"]


def test_repr_names_the_class() -> None:
    assert repr(make()) == "<MultiValueDict: {'a': ['1', '3'], 'b': ['2']}>"


# -- QueryDict parsing ---------------------------------------------------------


def test_parse_basic_repeated_and_blank() -> None:
    q = QueryDict("a=1&b=2&a=3&blank=&flag")
    assert q.getlist("a") == ["1", "3"]
    assert q["b"] == "2"
    assert q["blank"] == ""
    assert q["flag"] == ""


def test_parse_plus_and_percent_escapes() -> None:
    q = QueryDict("name=Jos%C3%A9+Mar%C3%ADa&sym=%2B%26%3D&sp=a%20b")
    assert q["name"] == "José María"
    assert q["sym"] == "+&="
    assert q["sp"] == "a b"


def test_parse_bytes_same_as_str() -> None:
    assert QueryDict(b"a=%C3%A9&b=x+y") == QueryDict("a=%C3%A9&b=x+y")


def test_str_input_is_text_already() -> None:
    assert QueryDict("city=Zürich")["city"] == "Zürich"


def test_semicolon_is_not_a_separator() -> None:
    q = QueryDict("a=1;b=2")
    assert q["a"] == "1;b=2"
    assert "b" not in q


def test_value_may_contain_equals_and_empty_fields_are_skipped() -> None:
    q = QueryDict("a=b=c&&&d=1&")
    assert q["a"] == "b=c"
    assert list(q) == ["a", "d"]


def test_empty_and_none_give_empty_dict() -> None:
    assert len(QueryDict()) == 0
    assert len(QueryDict("")) == 0
    assert len(QueryDict(b"")) == 0


@pytest.mark.parametrize("raw", [b"a=%FF", b"a=\xff", b"%C3=1", b"a=%C3%28"])
def test_invalid_utf8_is_bad_request(raw: bytes) -> None:
    with pytest.raises(BadRequest, match="not valid utf-8"):
        QueryDict(raw)


def test_other_encoding() -> None:
    q = QueryDict(b"a=%E9", encoding="latin-1")
    assert q["a"] == "é"
    assert q.encoding == "latin-1"


def test_unknown_encoding_is_bad_request() -> None:
    with pytest.raises(BadRequest, match="Unknown character set"):
        QueryDict(b"a=1", encoding="no-such-charset")


def test_max_num_fields() -> None:
    assert len(QueryDict("a=1&b=2&c=3", max_num_fields=3)) == 3
    with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
        QueryDict("a=1&b=2&c=3&d=4", max_num_fields=3)


def test_max_num_fields_counts_repeats_not_keys() -> None:
    with pytest.raises(TooManyFieldsSent):
        QueryDict("&".join(["a=1"] * 11), max_num_fields=10)


# -- QueryDict mutability --------------------------------------------------------


@pytest.mark.parametrize(
    "mutate",
    [
        lambda q: q.__setitem__("a", "x"),
        lambda q: q.__delitem__("a"),
        lambda q: q.setlist("a", ["x"]),
        lambda q: q.appendlist("a", "x"),
        lambda q: q.setlistdefault("z"),
        lambda q: q.setdefault("z", "1"),
        lambda q: q.pop("a"),
        lambda q: q.popitem(),
        lambda q: q.clear(),
        lambda q: q.update({"a": "x"}),
        lambda q: q.__ior__({"a": "x"}),
    ],
)
def test_immutable_by_default(mutate: object) -> None:
    q = QueryDict("a=1")
    with pytest.raises(AttributeError, match="immutable"):
        mutate(q)  # type: ignore[operator]
    assert q.getlist("a") == ["1"]


def test_copy_is_mutable_and_independent() -> None:
    q = QueryDict("a=1&a=2", encoding="latin-1")
    for c in (q.copy(), copy.copy(q), copy.deepcopy(q)):
        assert isinstance(c, QueryDict)
        assert c.encoding == "latin-1"
        c.appendlist("a", "3")
        c["b"] = "x"
        assert c.getlist("a") == ["1", "2", "3"]
    assert q.getlist("a") == ["1", "2"]
    assert "b" not in q


def test_pickle_keeps_values_and_immutability() -> None:
    q = pickle.loads(pickle.dumps(QueryDict("a=1&a=2")))
    assert q.getlist("a") == ["1", "2"]
    with pytest.raises(AttributeError):
        q["a"] = "x"


def test_mutable_querydict_setdefault() -> None:
    q = QueryDict(mutable=True)
    assert q.setdefault("k", "value") == "value"
    assert q.getlist("k") == ["value"]


def test_fromkeys() -> None:
    q = QueryDict.fromkeys(["a", "b", "a"], value="v")
    assert q.getlist("a") == ["v", "v"]
    with pytest.raises(AttributeError):
        q["a"] = "x"
    mutable = QueryDict.fromkeys(["a"], mutable=True)
    mutable.setlist("a", [])
    assert mutable.getlist("a") == []


def test_urlencode_round_trip() -> None:
    original = QueryDict("a=1&a=2&name=Jos%C3%A9+M&sym=%26%3D%2B&empty=")
    encoded = original.urlencode()
    assert QueryDict(encoded) == original
    assert "a=1&a=2" in encoded


def test_urlencode_safe() -> None:
    q = QueryDict(mutable=True)
    q["next"] = "/a/b/"
    assert q.urlencode() == "next=%2Fa%2Fb%2F"
    assert q.urlencode(safe="/") == "next=/a/b/"


def test_urlencode_uses_own_encoding() -> None:
    q = QueryDict(mutable=True, encoding="latin-1")
    q["a"] = "é"
    assert q.urlencode() == "a=%E9"


# -- headers ---------------------------------------------------------------------


def test_case_insensitive_mapping() -> None:
    m = CaseInsensitiveMapping({"Content-Type": "text/html"})
    assert m["content-type"] == m["CONTENT-TYPE"] == "text/html"
    assert "CONTENT-type" in m
    not_a_string: object = 1
    assert not_a_string not in m
    assert list(m) == ["Content-Type"]
    assert m == {"content-TYPE": "text/html"}
    assert m != {"content-type": "text/plain"}


def test_http_headers_from_environ() -> None:
    headers = HttpHeaders(
        {
            "HTTP_USER_AGENT": "pytest",
            "HTTP_X_CUSTOM_THING": "1",
            "CONTENT_TYPE": "text/plain",
            "CONTENT_LENGTH": "3",
            "SERVER_NAME": "ignored",
            "wsgi.input": object(),
        }
    )
    assert headers["User-Agent"] == headers["user-agent"] == "pytest"
    assert headers["X-Custom-Thing"] == "1"
    assert headers["Content-Type"] == "text/plain"
    assert headers["content-length"] == "3"
    assert "Server-Name" not in headers
    assert len(headers) == 4


def test_mutable_headers_keep_case_and_replace_case_insensitively() -> None:
    h = MutableHeaders({"X-One": "1"})
    h["x-one"] = "2"
    assert dict(h) == {"x-one": "2"}
    del h["X-ONE"]
    assert len(h) == 0
