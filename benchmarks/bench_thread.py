"""Opening a long conversation: `ConversationDetailView.show_id` on a 20,000-message thread
(offscreen), the median of 5 opens, against a plain QListWidget filled with all 20,000 bodies
(read with one query) as the peer. Goal from the inbox issue: under 300 ms.

The pane reads the newest page (details_conversations.PAGE messages) with one indexed query
and builds bubbles for those only; "Tampilkan pesan sebelumnya" (timed too) adds the next.
Every open includes the customer card, the orders and complaints, the assignee list and the
reply box's templates, as the Inbox does.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_thread.py [--messages 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
from common import machine, save, table, timed  # noqa: E402

GOAL_MS = 300.0
RUNS = 5


def make_thread(messages: int) -> int:
    """A customer with one WhatsApp conversation of `messages` messages, a minute apart."""
    from csdesk.models import Conversation, Customer, Message, database_proxy

    customer = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    start = dt.datetime(2024, 1, 1, 1, 0)
    conv = Conversation.create(
        customer=customer, channel="whatsapp", title="Siti Rahma", message_count=messages
    )
    rows = [
        {
            "conversation": conv.id,
            "direction": "in" if n % 3 else "out",
            "author": "Siti Rahma" if n % 3 else "Ayu",
            "sent_at": start + dt.timedelta(minutes=n),
            "body": f"Pesan ke-{n}: kak, gamis rayon navy ukuran L masih ready? 🙏",
        }
        for n in range(messages)
    ]
    with database_proxy.atomic():
        for begin in range(0, len(rows), 500):
            Message.insert_many(rows[begin : begin + 500]).execute()
    last = rows[-1]
    Conversation.update(
        last_message_at=last["sent_at"], last_message_preview=str(last["body"])[:120]
    ).where(Conversation.id == conv.id).execute()
    return int(conv.id)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QListWidget

    from csdesk.models import Message
    from csdesk.services.database import open_database
    from csdesk.services.details_conversations import PAGE
    from csdesk.ui.panels.conversation_detail import ConversationDetailView
    from csdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # the app's style sheet: every bubble is styled through it
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CSDESK_DATA_DIR"] = folder
        open_database(str(Path(folder) / "bench.sqlite"))
        conv_id = make_thread(args.messages)

        view = ConversationDetailView()
        view.resize(640, 760)
        view.show()

        def open_pane() -> None:
            view.show_id(None)
            view.show_id(conv_id)
            app.processEvents()

        first_open, median_open = timed(open_pane, RUNS)
        bubbles = len(view.thread.bubbles)

        def older_page() -> None:
            view.show_id(None)
            view.show_id(conv_id)
            view.load_older()
            app.processEvents()

        _first_older, median_older = timed(older_page, RUNS)
        with_older = len(view.thread.bubbles)

        peer_widget = QListWidget()
        peer_widget.resize(640, 760)
        peer_widget.show()

        def peer() -> None:
            peer_widget.clear()
            query = Message.select(Message.body).where(Message.conversation == conv_id)
            peer_widget.addItems([body for (body,) in query.order_by(Message.sent_at).tuples()])
            peer_widget.scrollToBottom()
            app.processEvents()

        _first_peer, median_peer = timed(peer, RUNS)
        peer_rows = peer_widget.count()
        view.close()
        peer_widget.close()

    rows = [
        [
            "csdesk show_id (newest page)",
            f"{bubbles:,}",
            f"{first_open:.0f}",
            f"{median_open:.0f}",
            f"{median_open / median_peer:.2f}×",
        ],
        [
            "csdesk show_id + 'pesan sebelumnya'",
            f"{with_older:,}",
            "–",
            f"{median_older:.0f}",
            f"{median_older / median_peer:.2f}×",
        ],
        ["QListWidget, every body (peer)", f"{peer_rows:,}", "–", f"{median_peer:.0f}", "1×"],
    ]
    markdown = table(["open", "messages built", "first ms", f"median of {RUNS} ms", "ratio"], rows)
    met = "met" if median_open < GOAL_MS else "NOT met"
    markdown += (
        f"\n\n{args.messages:,} messages in the thread, page {PAGE}; goal: open under "
        f"{GOAL_MS:.0f} ms — {met} ({median_open:.0f} ms)"
    )
    save(
        "thread",
        {
            "machine": machine(),
            "messages": args.messages,
            "page": PAGE,
            "open_first_ms": round(first_open, 1),
            "open_median_ms": round(median_open, 1),
            "open_with_older_median_ms": round(median_older, 1),
            "peer_median_ms": round(median_peer, 1),
            "bubbles": bubbles,
        },
        markdown,
    )
    print(f"Machine: {machine()}\n")
    print(markdown)


if __name__ == "__main__":
    main()
