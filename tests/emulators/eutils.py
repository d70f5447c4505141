"""An NCBI E-utilities emulator built from real recorded replies.

esearch answers in the shape of a real recorded eSearchResult (``pubmed/esearch/biopython_esearch2.xml``,
a ``usehistory=y`` reply) with its Count/IdList/WebEnv replaced; efetch answers with the requested
``PubmedArticle`` elements copied verbatim from a real PubmedArticleSet file, under that file's own
XML declaration and DOCTYPE. Faults (429 with Retry-After, 5xx, truncated bodies) can be queued per
endpoint. Run it by hand to point a real ``osteodigest`` at it:

    python -m tests.emulators.eutils --port 8765 ../shared/fixtures/pubmed/bone_topic_subset.xml
"""

from __future__ import annotations

import argparse
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
ESEARCH_TEMPLATE = FIXTURES / "pubmed" / "esearch" / "biopython_esearch2.xml"


@dataclass
class Fault:
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    #: Serve the healthy reply cut to this many bytes (a truncated body) instead of an error status.
    truncate_to: int | None = None


class EUtilsEmulator:
    def __init__(self, articles_file: Path, topic_ids: dict[str, list[str]] | None = None) -> None:
        raw = articles_file.read_bytes()
        self.header = raw[: raw.index(b"<PubmedArticleSet")]
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(raw, parser)
        self.articles: dict[str, bytes] = {}
        for article in root:
            pmid = article.findtext("MedlineCitation/PMID") or article.findtext("BookDocument/PMID")
            self.articles[pmid] = etree.tostring(article, encoding="utf-8")
        #: Which PMIDs a query returns: keyed by a word that appears in the term; default all.
        self.topic_ids = topic_ids or {}
        self.template = ESEARCH_TEMPLATE.read_bytes()
        self.faults: dict[str, deque[Fault]] = {"esearch": deque(), "efetch": deque()}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()

    # ------------------------------------------------------------------ replies
    def ids_for(self, term: str) -> list[str]:
        for word, ids in self.topic_ids.items():
            if word.lower() in term.lower():
                return ids
        return list(self.articles)

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
        if fault and fault.truncate_to is None:
            return Response(fault.body, status=fault.status, headers=fault.headers)
        if endpoint == "esearch":
            body = self.esearch_body(self.ids_for(params.get("term", "")))
        else:
            body = self.efetch_body([i for i in params.get("id", "").split(",") if i])
        if fault and fault.truncate_to is not None:
            body = body[: fault.truncate_to]
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
    server = HTTPServer(host="127.0.0.1", port=args.port)
    server.start()
    base = EUtilsEmulator(args.articles).install(server)
    print(f"E-utilities emulator at {base} (Ctrl-C stops it)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
