"""Any JSON a phone might send to any endpoint gets a JSON answer, never a server error."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from classroom_helpers import start
from hypothesis import given
from hypothesis import strategies as st

KEYS = ["room", "token", "name", "ballot", "choice", "pin", "ftoken", "kind", "arg", "t"]
ENDPOINTS = ["join", "vote", "facil/login", "facil/command"]
ANSWERS = {200, 400, 403, 409, 429}

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def server():
    srv = start()
    srv.open_vote("fuzz", ["A", "B", "C"])
    yield srv
    assert srv.running
    srv.stop()


def post(server, path: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/api/{path}", body, {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@given(
    endpoint=st.sampled_from(ENDPOINTS),
    body=st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), values, max_size=6),
    real_room=st.booleans(),
    real_token=st.booleans(),
)
def test_any_json_object_gets_a_json_answer(server, endpoint, body, real_room, real_token):
    if real_room:
        body["room"] = server.room_code
    if real_token:
        body["token"] = _token(server)
    status, answer = post(server, endpoint, json.dumps(body).encode())
    assert status in ANSWERS, (status, answer)
    assert ("error" in answer) == (status != 200)


@given(raw=st.binary(max_size=200) | values.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_get_a_json_answer(server, raw):
    status, answer = post(server, "vote", raw)
    assert status in ANSWERS and "error" in answer


_tokens: dict[int, str] = {}


def _token(server) -> str:
    if server.port not in _tokens:
        _tokens[server.port] = post(
            server, "join", json.dumps({"room": server.room_code}).encode()
        )[1]["token"]
    return _tokens[server.port]
