"""What every emulator can serve instead of a healthy reply: an error status, or the healthy body cut short.

The E-utilities emulator and the JSON replayer queue these the same way and serve them the same way;
each adds only the faults its services show (a dropped connection, a slow reply, an HTML page with 200).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug import Response


@dataclass
class Fault:
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    #: Serve the healthy reply cut to this many bytes (a truncated body) instead of an error status.
    truncate_to: int | None = None

    def error_reply(self) -> Response:
        """The error status itself, with its headers (429 + Retry-After) and body."""
        return Response(self.body, status=self.status, headers=self.headers)

    def cut(self, body: bytes) -> bytes:
        """The healthy ``body`` as this fault serves it: whole, or truncated to :attr:`truncate_to` bytes."""
        return body if self.truncate_to is None else body[: self.truncate_to]
