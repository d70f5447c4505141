"""One module per source. Fetching opens sockets; parsing takes bytes and never does.

Each source module provides ``fetch(ctx: FetchContext) -> list[FetchResult]`` (see :mod:`.base`) and is
declared once, with its settings, label and merge rank, in the source registry (:mod:`crawler.registry`).
"""
