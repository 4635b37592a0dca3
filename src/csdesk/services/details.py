"""Read-only views of one record for the detail panes: plain dataclasses, no Qt.

Each kind lives in its own module (details_orders, details_customers, details_conversations,
details_complaints); this module is the one place panes import from. Unknown ids raise
`NotFoundError` with an Indonesian message.
"""

from __future__ import annotations

from csdesk.services.details_common import ComplaintLine, CustomerSummary, EventLine, OrderLine
from csdesk.services.details_complaints import ComplaintDetail, EvidenceLine, complaint_detail
from csdesk.services.details_conversations import (
    ConversationDetail,
    MessageLine,
    conversation_detail,
)
from csdesk.services.details_customers import (
    ConversationLine,
    CustomerDetail,
    IdentityLine,
    customer_detail,
)
from csdesk.services.details_orders import ItemLine, OrderDetail, order_detail

__all__ = [
    "ComplaintDetail",
    "ComplaintLine",
    "ConversationDetail",
    "ConversationLine",
    "CustomerDetail",
    "CustomerSummary",
    "EventLine",
    "EvidenceLine",
    "IdentityLine",
    "ItemLine",
    "MessageLine",
    "OrderDetail",
    "OrderLine",
    "complaint_detail",
    "conversation_detail",
    "customer_detail",
    "order_detail",
]
