"""Writes a closed batch as one Parquet file in the staging bucket and loads it with COPY."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq


def write_batch(records: list[dict], path: str) -> None:
    table = pa.Table.from_pylist(records)
    pq.write_table(table, path, compression="zstd")
