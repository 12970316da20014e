"""Consumes ${{ values.stream }} ({{ schedule }} is left for the scheduler's own templating)."""

STREAM = "${{ values.stream }}"
CONSUMER_GROUP = "${{ values.consumerGroup }}"
SCHEDULE = "${{ values.schedule }}"


def handle(event: dict) -> dict:
    """Turns one event into the record this job keeps."""
    return {"stream": STREAM, "id": event.get("id")}
