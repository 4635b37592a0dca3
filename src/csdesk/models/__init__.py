"""peewee models: tables only, no Qt and no business rules."""

from csdesk.models.base import database_proxy, utcnow
from csdesk.models.catalog import FaqEntry, Product, Setting, Template
from csdesk.models.complaints import Complaint, ComplaintEvent, ComplaintEvidence, ComplaintItem
from csdesk.models.conversations import Conversation, Message
from csdesk.models.orders import ImportBatch, Order, OrderEvent, OrderItem, Payment
from csdesk.models.people import Customer, CustomerIdentity, CustomerMerge, FollowUp, User

__all__ = [
    "Complaint",
    "ComplaintEvent",
    "ComplaintEvidence",
    "ComplaintItem",
    "Conversation",
    "Customer",
    "CustomerIdentity",
    "CustomerMerge",
    "FaqEntry",
    "FollowUp",
    "ImportBatch",
    "Message",
    "Order",
    "OrderEvent",
    "OrderItem",
    "Payment",
    "Product",
    "Setting",
    "Template",
    "User",
    "database_proxy",
    "utcnow",
]
