"""Stage 2: the content model (the nouns of design.md), as typed pydantic objects.

Templates only ever see these objects, never raw YAML.
"""

from .attachment import Attachment
from .circular import Circular, Hinagata, Section
from .common import Addressee, Contact, Issuer, Seal
from .document import Document
from .notice import Notice
from .organisation import Organisation
from .recipient import Recipient, RecipientList
from .register import IssuedNumber, Register
from .topic import Topic

__all__ = [
    "Addressee", "Attachment", "Circular", "Contact", "Document", "Hinagata", "Issuer",
    "IssuedNumber", "Notice", "Organisation", "Recipient", "RecipientList", "Register", "Seal", "Section", "Topic",
]
