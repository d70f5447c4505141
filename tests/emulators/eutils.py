"""An NCBI E-utilities emulator built from real recorded replies.

esearch answers in the shape of a real recorded eSearchResult (``pubmed/esearch/biopython_esearch2.xml``,
a ``usehistory=y`` reply) with its Count/IdList/WebEnv replaced; efetch answers with the requested
``PubmedArticle`` elements copied verbatim from a real PubmedArticleSet file, under that file's own
XML declaration and DOCTYPE. Faults (429 with Retry-After, 5xx, truncated bodies, connection resets,
replies slower than the client's time-out, redirect loops) can be queued per endpoint, and ``hooks`` let
a test learn that a request arrived (or hold it) before the reply goes out. With ``by_entry_date`` an
esearch returns only the PMIDs whose Entrez date lies in its mindate..maxdate window, as PubMed does for
``datetype=edat``. Run it by hand to point a real ``osteodigest`` at it:

    python -m tests.emulators.eutils --port 8765 ../shared/fixtures/pubmed/bone_topic_subset.xml
"""

from __future__ import annotations

import argparse
import gzip
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import fixture_path
from tests.emulators.faults import Fault as BaseFault

#: The real recorded esearch reply every esearch answer is shaped on, relative to the shared fixtures.
ESEARCH_TEMPLATE = ("pubmed", "esearch", "biopython_esearch2.xml")


@dataclass
class Fault(BaseFault):
    #: "reset": drop the connection with a TCP RST instead of replying; "redirect": a 307 back to the
    #: same URL (a redirect loop while the fault stays queued); "healthy": the normal reply (after delay).
    action: str | None = None
    #: Seconds to wait before replying; longer than the client's time-out, this is a read time-out.
    delay: float = 0.0


class EUtilsEmulator:
    def __init__(
        self,
        articles_file: Path,
        topic_ids: dict[str, list[str]] | None = None,
        by_entry_date: bool = False,
        limit: int | None = None,
    ) -> None:
        """Serve the articles of ``articles_file`` (a PubmedArticleSet, ``.gz`` too: NLM's bulk files),
        read as a stream, the first ``limit`` of them when given."""
        opener = gzip.open if articles_file.suffix == ".gz" else open
        with opener(articles_file, "rb") as stream:
            head = stream.read(8192)
        self.header = head[: head.index(b"<PubmedArticleSet")]
        self.articles: dict[str, bytes] = {}
        self.entry_dates: dict[str, date] = {}
        with opener(articles_file, "rb") as stream:
            for _, article in etree.iterparse(
                stream,
                events=("end",),
                tag=("PubmedArticle", "PubmedBookArticle"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
            ):
                self._add(article)
                article.clear()
                while article.getprevious() is not None:  # keep memory flat on a bulk file
                    del article.getparent()[0]
                if limit is not None and len(self.articles) >= limit:
                    break
        self.by_entry_date = by_entry_date
        #: Called with the request parameters before each reply of that endpoint (signal or hold a test).
        self.hooks: dict[str, Callable[[dict[str, str]], None]] = {}
        #: Which PMIDs a query returns: keyed by a word that appears in the term; default all.
        self.topic_ids = topic_ids or {}
        self.template = fixture_path(*ESEARCH_TEMPLATE).read_bytes()
        self.faults: dict[str, deque[Fault]] = {"esearch": deque(), "efetch": deque()}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def _add(self, article: etree._Element) -> None:
        pmid = article.findtext("MedlineCitation/PMID") or article.findtext("BookDocument/PMID")
        self.articles[pmid] = etree.tostring(article, encoding="utf-8")
        entrez = article.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
        if entrez is not None:
            self.entry_dates[pmid] = date(
                int(entrez.findtext("Year")), int(entrez.findtext("Month")), int(entrez.findtext("Day"))
            )

    # ------------------------------------------------------------------ replies
    def ids_for(self, term: str, mindate: str | None = None, maxdate: str | None = None) -> list[str]:
        ids = list(self.articles)
        for word, topic_ids in self.topic_ids.items():
            if word.lower() in term.lower():
                ids = topic_ids
                break
        if self.by_entry_date and mindate and maxdate:
            lo, hi = (date(*map(int, d.split("/"))) for d in (mindate, maxdate))
            ids = [i for i in ids if i in self.entry_dates and lo <= self.entry_dates[i] <= hi]
        return ids

    def esearch_body(self, ids: list[str]) -> bytes:
        body = self.template
        body = re.sub(rb"<Count>\d+</Count>", b"<Count>%d</Count>" % len(ids), body)
        body = re.sub(rb"<RetMax>\d+</RetMax>", b"<RetMax>%d</RetMax>" % len(ids), body)
        id_list = b"".join(b"<Id>%s</Id>\n" % i.encode() for i in ids)
        return re.sub(rb"<IdList>.*?</IdList>", b"<IdList>\n" + id_list + b"</IdList>", body, flags=re.S)

    def efetch_body(self, ids: list[str]) -> bytes:
        parts = [self.articles[i] for i in ids if i in self.articles]
        return self.header + b"<PubmedArticleSet>\n" + b"\n".join(parts) + b"\n</PubmedArticleSet>\n"

    def handle(self, endpoint: str, request: Request) -> Response:
        params = {**request.args.to_dict(), **request.form.to_dict()}
        with self.lock:
            self.log.append((endpoint, params))
            fault = self.faults[endpoint].popleft() if self.faults[endpoint] else None
        hook = self.hooks.get(endpoint)
        if hook:
            hook(params)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.action == "reset":
            sock = request.environ["werkzeug.socket"]
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
            raise ConnectionResetError("emulated connection reset")  # werkzeug treats it as a dropped client
        if fault and fault.action == "redirect":
            return Response(b"", status=307, headers={"Location": request.url})
        if fault and fault.truncate_to is None and fault.action is None and not fault.delay:
            return fault.error_reply()
        if endpoint == "esearch":
            body = self.esearch_body(
                self.ids_for(params.get("term", ""), params.get("mindate"), params.get("maxdate"))
            )
        else:
            body = self.efetch_body([i for i in params.get("id", "").split(",") if i])
        if fault:
            body = fault.cut(body)
        return Response(body, status=200, content_type="text/xml; charset=UTF-8")

    def install(self, server: HTTPServer, prefix: str = "/entrez/eutils") -> str:
        """Register the routes on a running pytest-httpserver and return the base URL to configure."""
        for endpoint in ("esearch", "efetch"):
            server.expect_request(f"{prefix}/{endpoint}.fcgi").respond_with_handler(
                lambda request, e=endpoint: self.handle(e, request)
            )
        return server.url_for(prefix + "/")

    def calls(self, endpoint: str) -> list[dict[str, str]]:
        return [params for e, params in self.log if e == endpoint]


def main() -> None:  # pragma: no cover - manual use
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    try:
        emulator = EUtilsEmulator(args.articles)
    except pytest.skip.Exception as absent:  # the esearch template: no pytest run to skip, so say so
        raise SystemExit(str(absent)) from None
    server = HTTPServer(host="127.0.0.1", port=args.port)
    server.start()
    base = emulator.install(server)
    print(f"E-utilities emulator at {base} (Ctrl-C stops it)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
