"""Stable article ids and the normalised-text key used to spot duplicates."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tui.store.catalog import normalise_url

_WORDS = re.compile(r"\w+")


def text_key(text: str) -> str:
    """Hash of the text's words, ignoring case, punctuation, spacing and Unicode forms."""
    words = _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


def article_id(url: str | None, text_hash: str) -> str:
    """16 hex digits: from the canonical URL when there is one, else from the text."""
    basis = "url:" + normalise_url(url) if url else "text:" + text_hash
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
