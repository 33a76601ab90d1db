"""Online link checks against a real HTTP server on 127.0.0.1 (no mocks of httpx).

The server (tests/linkserver.py) runs in a thread for this module and is shut
down by the fixture's finalizer. Timeouts are short, so the module runs in a
few seconds.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time

import pytest

import newslint
from newslint.linkcheck import LinkChecker, Limits, _is_dns
from newslint.settings import build_settings

from conftest import run_cli
from linkserver import serve

FAST = Limits(timeout=0.5, max_redirects=4, retries=1, backoff=0.05, max_retry_after=0.2)


@pytest.fixture(scope="module")
def server():
    with serve() as srv:  # the context manager's exit is the finalizer: shutdown, close, join
        yield srv


@pytest.fixture
def checker(tmp_path):
    return LinkChecker(str(tmp_path / "cache"))


def _status(checker, url, limits=FAST):
    return checker.check([url], limits)[url]


# ---------------------------------------------------------------- what each answer becomes


@pytest.mark.parametrize(("path", "outcome", "status"), [
    ("/ok/a", "ok", 200),
    ("/missing/a", "http-error", 404),
    ("/error/a", "http-error", 500),
    ("/moved/a", "moved", 200),
    ("/temp/a", "moved", 200),
    ("/loop-a/a", "loop", 302),
    ("/gone/2019/story", "soft-404", 200),
    ("/chain/0", "too-many-redirects", 301),
    ("/to-missing/a", "http-error", 404),
])
def test_outcomes(server, checker, path, outcome, status):
    result = _status(checker, server.url + path)
    assert (result.outcome, result.status) == (outcome, status), result


def test_permanent_and_temporary_redirects(server, checker):
    moved = _status(checker, server.url + "/moved/p")
    temp = _status(checker, server.url + "/temp/p")
    assert moved.permanent and moved.final == server.url + "/ok"
    assert not temp.permanent
    assert moved.chain == (server.url + "/moved/p", server.url + "/ok")


def test_timeout(server, checker):
    start = time.monotonic()
    result = _status(checker, server.url + "/slow/t")
    assert result.outcome == "timeout" and "0.5 s" in result.detail
    assert time.monotonic() - start < 1.9  # the server would answer after 2 s


def test_connection_refused(checker):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    result = _status(checker, f"http://127.0.0.1:{port}/x")
    assert result.outcome == "connect", result


def test_dns_failure_is_told_apart_from_a_refused_connection():
    """Classifies the exception chain httpx raises; no DNS query is sent."""
    import httpx

    try:
        try:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        except socket.gaierror as inner:
            raise httpx.ConnectError("[Errno -2] Name or service not known") from inner
    except httpx.ConnectError as exc:
        assert _is_dns(exc)
    assert not _is_dns(httpx.ConnectError("[Errno 111] Connection refused"))


def test_head_refused_falls_back_to_get(server, checker):
    result = _status(checker, server.url + "/head-405/x")
    assert result.outcome == "ok"
    assert server.hits["HEAD /head-405/x"] == 1 and server.hits["GET /head-405/x"] == 1


def test_429_is_retried_after_retry_after_capped(server, checker):
    start = time.monotonic()
    result = _status(checker, server.url + "/busy/r")
    elapsed = time.monotonic() - start
    assert result.outcome == "ok", result
    assert server.hits["HEAD /busy/r"] == 2
    assert 0.15 < elapsed < 2.5, elapsed  # waited max_retry_after (0.2 s), not Retry-After (5 s)


def test_503_gives_up_after_the_retries(server, checker):
    result = _status(checker, server.url + "/unavailable/u")
    assert (result.outcome, result.status) == ("http-error", 503)
    assert server.hits["HEAD /unavailable/u"] == FAST.retries + 1
    assert server.hits["GET /unavailable/u"] == 0


def test_only_http_urls_are_fetched(checker):
    got = checker.check(["ftp://127.0.0.1/x", "mailto:a@example.com"], FAST)
    assert {s.outcome for s in got.values()} == {"skipped"}


@pytest.mark.parametrize(("limits", "bound"), [
    (Limits(timeout=2, concurrency=8, per_host=2), 2),
    (Limits(timeout=2, concurrency=1, per_host=8), 1),
])
def test_concurrency_limits(server, tmp_path, limits, bound):
    server.max_active = 0
    urls = [f"{server.url}/pause/{bound}/{i}" for i in range(6)]
    got = LinkChecker(None).check(urls, limits)
    assert {s.outcome for s in got.values()} == {"ok"}
    assert 1 <= server.max_active <= bound


def test_proxy_variables_are_ignored(server, checker, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # would break every request if used
    assert _status(checker, server.url + "/ok/proxy").outcome == "ok"


def test_works_inside_a_running_event_loop(server, checker):
    async def main():
        return checker.check([server.url + "/ok/loop"], FAST)

    assert asyncio.run(main())[server.url + "/ok/loop"].outcome == "ok"


# ---------------------------------------------------------------- the cache


def test_cache_spares_the_second_run(server, tmp_path):
    folder = tmp_path / "cache"
    urls = [server.url + "/ok/c1", server.url + "/missing/c2"]
    first = LinkChecker(str(folder)).check(urls, FAST)
    again = LinkChecker(str(folder)).check(urls, FAST)
    assert server.hits["HEAD /ok/c1"] == 1 and server.hits["HEAD /missing/c2"] == 1
    assert [again[u].outcome for u in urls] == [first[u].outcome for u in urls] == ["ok", "http-error"]
    data = json.loads((folder / "links.json").read_text("utf-8"))
    assert data["version"] == 1 and set(data["entries"]) == set(urls)
    assert (folder / "CACHEDIR.TAG").is_file()


def test_cache_expires(server, tmp_path):
    folder = str(tmp_path / "cache")
    url = server.url + "/ok/expire"
    LinkChecker(folder).check([url], FAST)
    LinkChecker(folder).check([url], Limits(timeout=0.5, ttl=0))
    assert server.hits["HEAD /ok/expire"] == 2


def test_transient_failures_expire_sooner(server, tmp_path):
    folder = str(tmp_path / "cache")
    url = server.url + "/error/transient"
    limits = Limits(timeout=0.5, ttl=3600, error_ttl=0)
    LinkChecker(folder).check([url], limits)
    LinkChecker(folder).check([url], limits)
    assert server.hits["HEAD /error/transient"] == 2  # a 500 is asked again
    ok = server.url + "/ok/steady"
    LinkChecker(folder).check([ok], limits)
    LinkChecker(folder).check([ok], limits)
    assert server.hits["HEAD /ok/steady"] == 1  # an answer is not


def test_a_damaged_cache_is_a_miss(server, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "links.json").write_text("{not json", encoding="utf-8")
    assert _status(LinkChecker(str(folder)), server.url + "/ok/damaged").outcome == "ok"
    assert json.loads((folder / "links.json").read_text("utf-8"))["version"] == 1


# ---------------------------------------------------------------- through the engine


def _corpus(tmp_path, server, name="c.jsonl"):
    u = server.url
    articles = [
        {"id": "a", "url": f"{u}/ok/a", "title": "A", "related": [
            {"title": "Missing", "url": f"{u}/missing/e2e"},
            {"title": "Moved", "url": f"{u}/moved/e2e"},
            {"title": "Gone", "url": f"{u}/gone/e2e-story"},
        ], "body": f"See [the loop]({u}/loop-a/e2e) and [a mail](mailto:x@example.com)."},
        {"id": "b", "url": f"{u}/ok/b", "title": "B", "related": [{"title": "Missing", "url": f"{u}/missing/e2e"}],
         "body": "Plain."},
    ]
    path = tmp_path / name
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def _lint(path, **extra):
    settings, _ = build_settings({"select": ["NL61"], "cache_dir": str(path.parent / ".cache"), **extra}, {}, "t")
    return newslint.lint([str(path)], settings)


def test_engine_online_reports_and_deduplicates(server, tmp_path):
    path = _corpus(tmp_path, server)
    report = _lint(path, links="online")
    got = [(f.record, f.pointer, f.code) for f in report.findings]
    assert got == [
        (1, "/body", "NL612"),
        (1, "/related/0/url", "NL610"),
        (1, "/related/1/url", "NL614"),
        (1, "/related/2/url", "NL613"),
        (2, "/related/0/url", "NL610"),
    ], got
    assert server.hits["HEAD /missing/e2e"] == 1, "two links to one URL: one request"
    before = sum(server.hits.values())
    again = _lint(path, links="online")
    assert [f.code for f in again.findings] == [f.code for f in report.findings]
    assert sum(server.hits.values()) == before, "a re-run answers from the cache"


@pytest.mark.parametrize("mode", ["offline", "off"])
def test_nothing_is_fetched_unless_online(server, tmp_path, mode):
    path = _corpus(tmp_path, server, f"{mode}.jsonl")
    before = sum(server.hits.values())
    settings, _ = build_settings({"select": ["ALL"], "cache": False, "links": mode}, {}, "t")
    report = newslint.lint([str(path)], settings)
    assert not [f for f in report.findings if f.code.startswith("NL61")]
    assert sum(server.hits.values()) == before


def test_cli_links_online(server, tmp_path):
    path = _corpus(tmp_path, server, "cli.jsonl")
    proc = run_cli("check", "--links", "online", "--select", "NL61", "--format", "json", path.name,
                   cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr.decode()
    codes = sorted(f["code"] for f in json.loads(proc.stdout)["findings"])
    assert codes == ["NL610", "NL610", "NL612", "NL613", "NL614"]
    assert (tmp_path / ".newslint_cache" / "links.json").is_file()


def test_placeholder_targets_are_not_fetched(server, tmp_path):
    """A placeholder (NL601's business) would only 404 again: it is not fetched."""
    u = server.url
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "p", "url": f"{u}/missing/post/", "title": "P",
                                "body": "Fill in [the survey](TODO) and read [the other](other-page)."}) + "\n",
                    encoding="utf-8")
    report = _lint(path, links="online")
    got = [(f.code, f.message.split("'")[1]) for f in report.findings]
    assert got == [("NL610", "other-page")], got
    assert server.hits["HEAD /missing/post/other-page"] == 1
    assert not [k for k in server.hits if k.endswith("/TODO")]
