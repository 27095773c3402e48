"""Readers: turn paths (files, folders, JSONL, HTML, stdin) into Documents.

Every problem with one input becomes a :class:`Skip` (origin + reason) handed to the
``on_skip`` callback; reading goes on with the next input.
"""

from warta.read.readers import DEFAULT_MAX_BYTES, Skip, iter_documents, parse_size

__all__ = ["DEFAULT_MAX_BYTES", "Skip", "iter_documents", "parse_size"]
