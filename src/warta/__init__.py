"""warta: event data from Indonesian news."""

from warta.document import Document, Event, Mention, Paragraph, Quote, Sentence

__version__ = "0.1.0"
__all__ = ["Document", "Event", "Mention", "Paragraph", "Quote", "Sentence", "__version__"]
