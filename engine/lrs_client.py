"""A small xAPI client over ``urllib`` (stdlib): post statements, read them back page by page.

Every answer comes back as an :class:`Answer` (status and body), whatever the status; only a
failure to talk to the LRS at all (refused connection, cut connection, timeout, bad address)
raises :class:`LrsUnavailable`. The Authorization header is built here and never logged:
error messages carry the status and the LRS's words only.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from engine.lrs_config import LrsSettings

XAPI_VERSION_HEADER = "1.0.3"
MAX_BODY = 64 * 1024 * 1024  # a page of statements is far smaller; bounded all the same
PAGE_LIMIT = 500


class LrsUnavailable(Exception):
    """The LRS could not be reached, or the connection broke before an answer."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8")) if self.body else None

    def reason(self, limit: int = 300) -> str:
        """The LRS's explanation, short: its JSON ``detail``/``message``, or the text."""
        text = self.body.decode("utf-8", "replace").strip()
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            for key in ("detail", "message", "error"):
                if key in data:
                    text = json.dumps(data[key], ensure_ascii=False)
                    break
        return f"HTTP {self.status}: {text}"[:limit]


class LrsClient:
    """Talks to one LRS with Basic auth and the xAPI version header."""

    def __init__(self, settings: LrsSettings, timeout: float = 15.0) -> None:
        self.settings, self.timeout = settings, timeout
        token = f"{settings.user}:{settings.password}".encode()
        self._headers = {
            "Authorization": "Basic " + base64.b64encode(token).decode("ascii"),
            "X-Experience-API-Version": XAPI_VERSION_HEADER,
            "Accept": "application/json",
        }

    def __repr__(self) -> str:  # never the header
        return f"LrsClient({self.settings.endpoint!r}, user={self.settings.user!r})"

    def _request(self, method: str, url: str, body: bytes | None = None) -> Answer:
        headers = dict(self._headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Answer(response.status, response.read(MAX_BODY))
        except urllib.error.HTTPError as exc:
            try:
                data = exc.read(MAX_BODY)
            except (OSError, http.client.HTTPException):
                data = b""
            return Answer(exc.code, data)
        except (OSError, http.client.HTTPException) as exc:  # URLError and timeouts too
            reason = getattr(exc, "reason", exc)
            raise LrsUnavailable(f"{urlsplit(url).netloc}: {reason}") from None

    def post(self, statements: Sequence[Mapping[str, Any]]) -> Answer:
        body = json.dumps(list(statements), ensure_ascii=False).encode("utf-8")
        return self._request("POST", self.settings.statements_url, body)

    def post_encoded(self, bodies: Sequence[str]) -> Answer:
        """POST statements already encoded as JSON texts (the outbox's), as one array."""
        return self._request(
            "POST", self.settings.statements_url, ("[" + ",".join(bodies) + "]").encode()
        )

    def get(self, params: Mapping[str, str]) -> Answer:
        return self._request("GET", self.settings.statements_url + "?" + urlencode(params))

    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """The stored statement with this id, or None (LrsUnavailable when it cannot tell)."""
        answer = self.get({"statementId": statement_id})
        if answer.status == 404:
            return None
        if answer.status != 200:
            raise LrsUnavailable(answer.reason())
        data = answer.json()
        if isinstance(data, dict) and isinstance(data.get("statements"), list):
            data = data["statements"]  # Ralph answers with a list result
        if isinstance(data, list):
            data = next((s for s in data if isinstance(s, dict)), None)
        return data if isinstance(data, dict) and data.get("id") == statement_id else None

    def statements(self, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every statement matching ``params``, following ``more`` from page to page."""
        query = {"limit": str(PAGE_LIMIT), **params}
        url = self.settings.statements_url + "?" + urlencode(query)
        seen_pages: set[str] = set()
        while url and url not in seen_pages:
            seen_pages.add(url)
            answer = self._request("GET", url)
            if answer.status != 200:
                raise LrsUnavailable(answer.reason())
            data = answer.json()
            if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
                raise LrsUnavailable("the LRS did not answer with a statement result")
            yield from (s for s in data["statements"] if isinstance(s, dict))
            more = data.get("more") or ""
            url = urljoin(self.settings.endpoint, more) if more else ""
