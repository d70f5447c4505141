"""Opening the offline commands' inputs (``crawler.inputs.open_input``): ISA-L's gunzip, used where
``tag --jobs N`` cuts a PubMed file, gives the same bytes as the standard library's and keeps the cap."""

from __future__ import annotations

import gzip

import pytest
from osteodigest.crawler.inputs import InputTooLarge, open_input


@pytest.fixture
def gz_file(tmp_path):
    data = b"".join(b"<PubmedArticle><PMID>%d</PMID></PubmedArticle>\n" % n for n in range(20000))
    path = tmp_path / "sample.xml.gz"
    path.write_bytes(gzip.compress(data))
    return path, data


def test_fast_gunzip_reads_the_bytes_the_standard_gunzip_reads(gz_file):
    path, data = gz_file
    with open_input(path) as standard, open_input(path, fast_gunzip=True) as fast:
        assert fast.read(1000) == standard.read(1000) == data[:1000]
        assert fast.read() == standard.read() == data[1000:]


def test_fast_gunzip_stops_at_the_size_cap(gz_file):
    path, data = gz_file
    with (
        open_input(path, max_bytes=len(data) // 2, fast_gunzip=True) as stream,
        pytest.raises(InputTooLarge, match="once decompressed"),
    ):
        stream.read()
