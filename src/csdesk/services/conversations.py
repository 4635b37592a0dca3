"""What an admin does to a conversation: close, reopen, snooze, assign, note, log a reply,
link an order.

Status and assignee changes carry the `version` the admin saw (optimistic locking); appending
a reply or a note cannot overwrite anyone's work, so it needs none, but it still moves the
version on so a stale status change is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Conversation, Message, Order, User, database_proxy, utcnow
from csdesk.models.conversations import CONVERSATION_STATUSES
from csdesk.services import fmt
from csdesk.services.labels import CONVERSATION_STATUS_LABELS
from csdesk.services.locking import bump_version, update_versioned

CONFLICT = "Percakapan ini baru saja diubah oleh admin lain. Muat ulang lalu coba lagi."
PREVIEW_CHARS = 120
# Status changes and assignments show in the thread as small event lines (who did what, when).
EVENT_KIND = "event"


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: str


def _missing(conv_id: int) -> str:
    return f"Percakapan #{conv_id} tidak ditemukan"


def _conversation(conv_id: int) -> Conversation:
    conv = Conversation.get_or_none(Conversation.id == conv_id)
    if conv is None:
        raise NotFoundError(_missing(conv_id))
    return conv


def _append(conv_id: int, direction: str, body: str, author: str, kind: str = "text") -> Message:
    return Message.create(
        conversation=conv_id,
        direction=direction,
        author=author,
        sent_at=utcnow(),
        body=body,
        kind=kind,
    )


def _event(conv_id: int, author: str, text: str) -> None:
    _append(conv_id, "note", text, author, kind=EVENT_KIND)
    Conversation.update(message_count=Conversation.message_count + 1).where(
        Conversation.id == conv_id
    ).execute()


def snooze_until_tomorrow(now_utc: dt.datetime, zone: str = fmt.DEFAULT_ZONE) -> dt.datetime:
    """Tomorrow 08.00 in the shop's zone, as naive UTC: when a snoozed chat comes back."""
    local_tomorrow = fmt.to_local(now_utc, zone).date() + dt.timedelta(days=1)
    return fmt.to_utc(dt.datetime.combine(local_tomorrow, dt.time(8, 0)), zone)


def set_status(
    conv_id: int,
    status: str,
    *,
    author: str,
    expected_version: int,
    snoozed_until: dt.datetime | None = None,
) -> int:
    """Close, reopen, mark pending or snooze (until `snoozed_until`, naive UTC). Returns the
    new version."""
    if status not in CONVERSATION_STATUSES:
        raise ValidationError(f"Status percakapan tidak dikenal: {status}")
    if status == "snoozed" and snoozed_until is None:
        raise ValidationError("Pilih sampai kapan percakapan ini ditunda")
    with database_proxy.atomic():
        version = update_versioned(
            Conversation,
            conv_id,
            expected_version,
            {"status": status, "snoozed_until": snoozed_until if status == "snoozed" else None},
            conflict_message=CONFLICT,
            missing_message=_missing(conv_id),
        )
        text = f"Status: {CONVERSATION_STATUS_LABELS[status]}"
        if snoozed_until is not None and status == "snoozed":
            text += f" sampai {fmt.datetime_long(snoozed_until)}"
        _event(conv_id, author, text)
    return version


def assign(conv_id: int, user_id: int | None, *, expected_version: int, author: str = "") -> int:
    """Hand the conversation to an admin (None = nobody). Returns the new version."""
    user = None
    if user_id is not None:
        user = User.get_or_none((User.id == user_id) & (User.active == True))  # noqa: E712
        if user is None:
            raise NotFoundError(f"Admin #{user_id} tidak ditemukan atau tidak aktif")
    with database_proxy.atomic():
        version = update_versioned(
            Conversation,
            conv_id,
            expected_version,
            {"assignee": user_id},
            conflict_message=CONFLICT,
            missing_message=_missing(conv_id),
        )
        _event(conv_id, author, f"Ditugaskan ke {user.name}" if user else "Tidak ditugaskan")
    return version


def add_note(conv_id: int, body: str, author: str) -> None:
    """An internal note: only admins see it; it never counts as an answer to the customer."""
    body = body.strip()
    if not body:
        raise ValidationError("Catatan internal masih kosong")
    with database_proxy.atomic():
        _conversation(conv_id)
        _append(conv_id, "note", body, author)
        bump_version(Conversation, conv_id, {"message_count": Conversation.message_count + 1})


def log_reply(conv_id: int, body: str, author: str) -> None:
    """Record a reply the admin sent (pasted into WhatsApp/the marketplace chat): the customer
    is no longer waiting, so the response timers stop."""
    body = body.strip()
    if not body:
        raise ValidationError("Balasan masih kosong")
    with database_proxy.atomic():
        _conversation(conv_id)
        message = _append(conv_id, "out", body, author)
        bump_version(
            Conversation,
            conv_id,
            {
                "waiting_since": None,
                "first_response_due": None,
                "last_message_at": message.sent_at,
                "last_message_preview": " ".join(body.split())[:PREVIEW_CHARS],
                "message_count": Conversation.message_count + 1,
            },
        )


def link_order(conv_id: int, order_id: int | None, *, author: str, expected_version: int) -> int:
    """Tie the conversation to the order it is about (None = untie): the pane shows that order
    and reply templates fill its resi and total. Returns the new version."""
    _conversation(conv_id)
    current = Conversation.select(Conversation.order).where(Conversation.id == conv_id).scalar()
    number = ""
    if order_id is not None:
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFoundError(f"Pesanan #{order_id} tidak ditemukan")
        number = order.order_no
    elif current is not None:
        old = Order.get_or_none(Order.id == current)
        number = old.order_no if old is not None else ""
    with database_proxy.atomic():
        version = update_versioned(
            Conversation,
            conv_id,
            expected_version,
            {"order": order_id},
            conflict_message=CONFLICT,
            missing_message=_missing(conv_id),
        )
        if order_id is not None:
            _event(conv_id, author, f"Ditautkan ke pesanan {number}")
        else:
            _event(
                conv_id,
                author,
                f"Tautan ke pesanan {number} dilepas" if number else "Tautan pesanan dilepas",
            )
    return version


def exist() -> bool:
    """Has the shop any conversation at all (the Inbox's empty state tells apart "all done"
    from "nothing imported yet")?"""
    return bool(Conversation.select(Conversation.id).limit(1).exists())


def list_users() -> list[UserInfo]:
    """Active admins, for "Tugaskan ke"."""
    query = User.select().where(User.active == True).order_by(User.name)  # noqa: E712
    return [UserInfo(id=u.id, name=u.name, role=u.role) for u in query]


def current_user() -> UserInfo | None:
    """The admin at this desk (csdesk has no log-in): the shop's owner, else the first admin;
    None when the shop has no admins yet."""
    users = list_users()
    owners = [u for u in users if u.role == "owner"]
    chosen = owners or users
    return chosen[0] if chosen else None


def current_user_id() -> int | None:
    """The id of `current_user()`: whose conversations "Milik saya" lists."""
    user = current_user()
    return user.id if user is not None else None


def current_author() -> str:
    """The name written on notes and replies when the caller names nobody."""
    user = current_user()
    return user.name if user is not None else "Admin"
