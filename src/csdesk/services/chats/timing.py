"""A conversation's summary fields, recomputed from its messages after an import.

Imported messages may land anywhere in the thread's history (a later export brings the tail,
an older one fills the past), so the fields are derived from the stored messages, not updated
incrementally:
- `message_count`: every message of the thread (notes and event lines included, as the
  services that add those count them);
- `last_message_at` / `last_message_preview`: the newest message to or from the customer;
- `waiting_since`: the customer's oldest message after the shop's last reply (None when the
  shop spoke last); messages at the same minute keep the export's order;
- `first_response_due`: `first_response_minutes` of business time after that
  (settings.add_business_minutes: open hours in the shop's zone, days off and holidays
  skipped).
A closed or snoozed thread in which the import brought the customer a new message that is
still unanswered opens again, as it would have in the shop's inbox.
"""

from __future__ import annotations

import datetime as dt

from csdesk.models import Conversation, Message
from csdesk.services.conversations import PREVIEW_CHARS
from csdesk.services.locking import bump_version
from csdesk.services.settings import ShopSettings, add_business_minutes


def refresh_conversation(
    conv_id: int, shop: ShopSettings, *, newest_incoming: dt.datetime | None = None
) -> None:
    """Recompute the summary fields of conversation `conv_id`. `newest_incoming`: the newest
    customer message this import added, which may reopen a closed thread."""
    conv = Conversation.get_by_id(conv_id)
    messages = Message.select().where(Message.conversation == conv_id)
    spoken = messages.where(Message.direction.in_(("in", "out")))
    last = spoken.order_by(Message.sent_at.desc(), Message.id.desc()).first()
    reply = (
        messages.where(Message.direction == "out")
        .order_by(Message.sent_at.desc(), Message.id.desc())
        .first()
    )
    unanswered = messages.where(Message.direction == "in")
    if reply is not None:
        unanswered = unanswered.where(
            (Message.sent_at > reply.sent_at)
            | ((Message.sent_at == reply.sent_at) & (Message.id > reply.id))
        )
    waiting = unanswered.order_by(Message.sent_at, Message.id).first()
    waiting_since = waiting.sent_at if waiting is not None else None
    fields: dict[str, object] = {
        "message_count": messages.count(),
        "last_message_at": last.sent_at if last is not None else None,
        "last_message_preview": " ".join(last.body.split())[:PREVIEW_CHARS] if last else "",
        "waiting_since": waiting_since,
        "first_response_due": (
            add_business_minutes(waiting_since, shop.first_response_minutes, shop)
            if waiting_since is not None
            else None
        ),
    }
    if (
        conv.status in ("closed", "snoozed")
        and waiting_since is not None
        and newest_incoming is not None
        and newest_incoming >= waiting_since
    ):
        fields["status"] = "open"
        fields["snoozed_until"] = None
    bump_version(Conversation, conv_id, fields)
