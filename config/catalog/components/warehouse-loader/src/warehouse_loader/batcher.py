"""Buffers records per topic until the window closes or the buffer is full."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

WINDOW_SECONDS = 300
MAX_RECORDS = 50_000


@dataclass
class Batch:
    topic: str
    opened_at: float = field(default_factory=time.monotonic)
    records: list[bytes] = field(default_factory=list)

    def full(self) -> bool:
        return len(self.records) >= MAX_RECORDS

    def expired(self, now: float | None = None) -> bool:
        return ((now or time.monotonic()) - self.opened_at) >= WINDOW_SECONDS
