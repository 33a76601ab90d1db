"""The online link checker: fetch each URL once, politely, and remember the answer.

Used only with ``--links online`` (the ``NL61x`` rules); nothing else in
newslint touches the network. It is a *service* (``ctx.services.links``):
rules hand it URLs and get :class:`LinkStatus` values back, so the rules stay
pure and tests can run it against a local server.

How a URL is checked (httpx, async, ``trust_env=False`` so proxy variables
from the environment never apply):

* ``HEAD`` first; on an error status other than 429/503 the same URL is tried
  with a streamed ``GET`` (body never read), because many servers answer HEAD
  with 405/501 — or with a 403/404 that GET does not give.
* Redirects are followed by hand, at most ``max_redirects`` hops, so loops
  (a URL seen twice in the chain) and soft 404s (a page that redirects to the
  site's home page) can be told apart from a plain move.
* 429 and 503 are retried ``retries`` times, after ``Retry-After`` (seconds
  or an HTTP date) when the server sends one, else after an exponential
  backoff; either way never longer than ``max_retry_after``.
* A global limit (``concurrency``) and a per-host limit (``per_host``) on
  requests in flight; each request has a ``timeout``.
* Results are cached in ``<cache_dir>/links.json`` (written atomically;
  not with ``--no-cache``), for
  ``ttl`` seconds — ``error_ttl`` for transient failures (timeouts, refused
  connections, 429/5xx) — so a CI re-run does not hit the sites again.

Only ``http``/``https`` URLs are fetched; anything else is answered
``skipped`` without a request.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Iterable
from urllib.parse import urljoin, urlsplit

#: outcome of one URL
OUTCOMES = ("ok", "moved", "http-error", "dns", "timeout", "connect", "loop", "too-many-redirects",
            "soft-404", "error", "skipped")
_TRANSIENT = {"timeout", "connect", "error"}
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_RETRY = {429, 503}
_CACHE_VERSION = 1


@dataclass(frozen=True)
class Limits:
    """How hard and how long to try. Rule options build one (``[rules.NL610]``)."""

    timeout: float = 10.0
    max_redirects: int = 5
    concurrency: int = 16
    per_host: int = 2
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 10.0
    ttl: float = 24 * 3600.0
    error_ttl: float = 3600.0
    user_agent: str = ""


@dataclass(frozen=True)
class LinkStatus:
    url: str
    outcome: str  # one of OUTCOMES
    status: int | None = None  # the last HTTP status seen
    final: str | None = None  # where the redirects ended
    chain: tuple[str, ...] = ()  # every URL fetched, in order
    detail: str = ""
    permanent: bool = False  # every redirect hop was 301/308
    checked: float = field(default=0.0, compare=False)

    def transient(self) -> bool:
        return self.outcome in _TRANSIENT or (
            self.outcome == "http-error" and self.status is not None and (self.status in _RETRY or self.status >= 500)
        )

    def to_json(self) -> dict:
        data = asdict(self)
        data["chain"] = list(self.chain)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "LinkStatus":
        data = dict(data)
        data["chain"] = tuple(data.get("chain") or ())
        return cls(**data)


# ---------------------------------------------------------------- the cache


class _DiskCache:
    """``links.json``: {"version": 1, "entries": {url: LinkStatus}}; damage is a miss."""

    def __init__(self, folder: str | None) -> None:
        self.path = Path(folder) / "links.json" if folder else None

    def load(self) -> dict[str, LinkStatus]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if data.get("version") != _CACHE_VERSION:
                return {}
            return {url: LinkStatus.from_json(entry) for url, entry in data["entries"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def store(self, entries: dict[str, LinkStatus]) -> None:
        if self.path is None:
            return
        from .atomic import atomic_write_text
        from .cache import ensure_folder

        try:
            ensure_folder(self.path.parent)
            payload = {"version": _CACHE_VERSION,
                       "entries": {url: entries[url].to_json() for url in sorted(entries)}}
            atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=0))
        except OSError:
            pass  # a read-only checkout: the run still works, only slower next time


def _fresh(status: LinkStatus, limits: Limits, now: float) -> bool:
    ttl = limits.error_ttl if status.transient() else limits.ttl
    return now - status.checked < ttl


# ---------------------------------------------------------------- the checker


class LinkChecker:
    """Checks URLs over HTTP; built once per run by :class:`newslint.context.Services`."""

    def __init__(self, cache_dir: str | None = None) -> None:
        self._cache = _DiskCache(cache_dir)

    def check(self, urls: Iterable[str], limits: Limits | None = None) -> dict[str, LinkStatus]:
        """Status of every URL (deduplicated); cached answers are reused while fresh."""
        limits = limits or Limits()
        wanted = sorted(set(urls))
        now = time.time()
        cached = self._cache.load()
        out: dict[str, LinkStatus] = {}
        todo: list[str] = []
        for url in wanted:
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                out[url] = LinkStatus(url, "skipped", detail="not an http(s) URL")
            elif url in cached and _fresh(cached[url], limits, now):
                out[url] = cached[url]
            else:
                todo.append(url)
        if todo:
            fetched = _run(self._check_all(todo, limits))
            out.update(fetched)
            keep = {u: s for u, s in cached.items() if _fresh(s, limits, now)}
            keep.update(fetched)
            self._cache.store(keep)
        return out

    async def _check_all(self, urls: list[str], limits: Limits) -> dict[str, LinkStatus]:
        import httpx

        from . import __version__

        agent = limits.user_agent or f"newslint/{__version__} (link check)"
        session = _Session(limits)
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(limits.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": agent, "Accept": "*/*"},
            limits=httpx.Limits(max_connections=max(1, limits.concurrency)),
        ) as client:
            session.client = client
            results = await asyncio.gather(*(session.check(url) for url in urls))
        now = time.time()
        return {r.url: _stamp(r, now) for r in results}


def _stamp(status: LinkStatus, now: float) -> LinkStatus:
    return replace(status, checked=now)


def _run(coro):
    """Run a coroutine to completion, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class _Failure(Exception):
    def __init__(self, outcome: str, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


class _Session:
    """One run's client and limits; checks one URL at a time per call."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.client = None
        self._global = asyncio.Semaphore(max(1, limits.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(max(1, limits.per_host)))

    async def check(self, url: str) -> LinkStatus:
        chain = [url]
        seen = {_key(url)}
        permanent = True
        current = url
        status = None
        try:
            for _hop in range(self.limits.max_redirects + 1):
                status, location = await self._fetch(current)
                if status not in _REDIRECTS or not location:
                    break
                permanent = permanent and status in _PERMANENT
                nxt = urljoin(current, location).split("#", 1)[0]
                if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                    return LinkStatus(url, "error", status, nxt, tuple(chain),
                                      f"redirects to a non-web address {nxt!r}")
                if _key(nxt) in seen:
                    chain.append(nxt)
                    return LinkStatus(url, "loop", status, nxt, tuple(chain), "redirect loop")
                seen.add(_key(nxt))
                chain.append(nxt)
                current = nxt
            else:
                return LinkStatus(url, "too-many-redirects", status, current, tuple(chain),
                                  f"more than {self.limits.max_redirects} redirects")
        except _Failure as exc:
            return LinkStatus(url, exc.outcome, None, current, tuple(chain), exc.detail)
        moved = len(chain) > 1
        if status is not None and status >= 400:
            return LinkStatus(url, "http-error", status, current if moved else None, tuple(chain),
                              _reason(status))
        if moved and _is_home(current) and not _is_home(url):
            return LinkStatus(url, "soft-404", status, current, tuple(chain), "redirects to the home page")
        if moved:
            return LinkStatus(url, "moved", status, current, tuple(chain), "redirected", permanent=permanent)
        return LinkStatus(url, "ok", status, None, tuple(chain))

    async def _fetch(self, url: str) -> tuple[int, str | None]:
        """One hop: HEAD (GET when HEAD fails), retrying 429/503. Returns (status, Location)."""
        limits = self.limits
        attempt = 0
        while True:
            try:
                status, headers = await self._request("HEAD", url)
            except _Failure as exc:
                if exc.outcome != "error":
                    raise
                status, headers = 599, {}  # a server that breaks on HEAD: ask with GET
            if status >= 400 and status not in _RETRY:
                status, headers = await self._request("GET", url)
            if status in _RETRY and attempt < limits.retries:
                await asyncio.sleep(_delay(headers.get("retry-after"), attempt, limits))
                attempt += 1
                continue
            return status, headers.get("location")

    async def _request(self, method: str, url: str):
        import httpx

        host = (urlsplit(url).hostname or "").lower()
        async with self._hosts[host], self._global:  # never hold a global slot while queued for a host
            try:
                async with self.client.stream(method, url) as response:  # body never read
                    return response.status_code, response.headers
            except httpx.TimeoutException:
                raise _Failure("timeout", f"no answer within {self.limits.timeout:g} s") from None
            except httpx.ConnectError as exc:
                if _is_dns(exc):
                    raise _Failure("dns", f"host {host!r} does not resolve (DNS)") from None
                raise _Failure("connect", f"cannot connect to {host!r}: {_short(exc)}") from None
            except httpx.HTTPError as exc:
                raise _Failure("error", f"{type(exc).__name__}: {_short(exc)}") from None


def _delay(retry_after: str | None, attempt: int, limits: Limits) -> float:
    """Seconds to wait before retrying: Retry-After if given, else backoff; capped."""
    wait = limits.backoff * (2 ** attempt)
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            wait = float(value)
        else:
            try:
                wait = parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
    return max(0.0, min(wait, limits.max_retry_after))


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}?{parts.query}"


def _is_home(url: str) -> bool:
    parts = urlsplit(url)
    path = parts.path.lower()
    return path in ("", "/", "/index.html", "/index.htm", "/index.php") and not parts.query


def _is_dns(exc: BaseException) -> bool:
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, socket.gaierror):
            return True
        text = str(cur).lower()
        if any(s in text for s in ("name or service not known", "nodename nor servname", "getaddrinfo failed",
                                   "no address associated", "temporary failure in name resolution",
                                   "name resolution")):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


__all__ = ["Limits", "LinkChecker", "LinkStatus", "OUTCOMES"]
