"""Warehouse Loader: Kafka topics into the analytics warehouse in micro-batches."""

__version__ = "2.6.0"
