"""The Bolt peer: a minimal Slack Bolt for Python app answering `/owner NAME`.

It runs the way Bolt's documentation recommends for production on an ASGI server: `AsyncApp`
behind `slack_bolt.adapter.asgi.async_handler.AsyncSlackRequestHandler`, served by uvicorn with
one worker. Request signatures are verified by Bolt's built-in middleware (SLACK_SIGNING_SECRET).
It reads the catalog from the same SQLite file as Backline, through the documented `catalog_*`
views only (docs/commands.md), with a read-only connection.

The answer is simpler than Backline's (no goalie rotation, no system/domain walk, no findings):
the entity, its owner with the owner's channel, lifecycle, type and tier, as Block Kit.
"""

import os
import sqlite3

from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult

DATABASE = os.environ["BACKLINE_DB"]

# One read-only connection for the single-threaded event loop; a point query on a 128-entity
# catalog takes microseconds, so it runs inline as a typical small Bolt app would.
connection = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True, check_same_thread=False)
connection.row_factory = sqlite3.Row

# A bare name matches any kind and namespace: the part of the canonical ref after the "/".
OWNER_QUERY = """
SELECT e.ref, e.kind, e.display_name, e.description, e.lifecycle, e.type, e.tier, e.owner_ref,
       o.display_name AS owner_name, o.channel AS owner_channel, o.ref IS NOT NULL AS owner_exists
FROM catalog_entities e LEFT JOIN catalog_entities o ON o.ref = e.owner_ref
WHERE substr(e.ref, instr(e.ref, '/') + 1) = lower(?)
ORDER BY e.ref
"""


async def authorize(enterprise_id, team_id, logger):
    # No Slack API call at start-up or per request (the benchmark has no network): the bot
    # token and ids come from the environment, as a single-workspace install would know them.
    return AuthorizeResult(
        enterprise_id=enterprise_id,
        team_id=team_id,
        bot_token=os.environ.get("SLACK_BOT_TOKEN", "xoxb-bolt-peer"),
        bot_id="BBOLTPEER",
        bot_user_id="UBOLTPEER",
    )


app = AsyncApp(signing_secret=os.environ["SLACK_SIGNING_SECRET"], authorize=authorize)


def field(label, value):
    return {"type": "mrkdwn", "text": f"*{label}*\n{value}"}


def escape(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@app.command("/owner")
async def owner(ack, command):
    name = (command.get("text") or "").strip()
    if not name or " " in name:
        await ack(response_type="ephemeral", text="Usage: /owner NAME")
        return
    rows = connection.execute(OWNER_QUERY, (name,)).fetchall()
    if not rows:
        await ack(response_type="ephemeral", text=f"Nothing in the catalog is named {escape(name)}.")
        return
    if len(rows) > 1:
        refs = ", ".join(f"`{row['ref']}`" for row in rows)
        await ack(response_type="ephemeral", text=f"{len(rows)} entities are named {escape(name)}: {refs}")
        return
    row = rows[0]
    if row["owner_ref"] is None:
        owner_text = "nobody (no spec.owner)"
    elif not row["owner_exists"]:
        owner_text = f"`{row['owner_ref']}` (not in the catalog)"
    else:
        owner_text = f"*{escape(row['owner_name'])}* (`{row['owner_ref']}`)"
    fields = [field("Owner", owner_text)]
    if row["owner_channel"]:
        fields.append(field("Channel", escape(row["owner_channel"])))
    for label, column in (("Lifecycle", "lifecycle"), ("Type", "type"), ("Tier", "tier")):
        if row[column]:
            fields.append(field(label, escape(row[column])))
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": f"{row['display_name']} ({row['kind']})"}}]
    if row["description"]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(row["description"])}})
    blocks.append({"type": "section", "fields": fields})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"`{row['ref']}`"}]})
    await ack(
        response_type="ephemeral",
        text=f"{name} is owned by {row['owner_name'] or row['owner_ref'] or 'nobody'}",
        blocks=blocks,
    )


api = AsyncSlackRequestHandler(app)
