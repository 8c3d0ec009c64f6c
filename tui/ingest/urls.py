"""Links read from untrusted pages and feeds, resolved without raising."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def join_url(base: str, link: str) -> str | None:
    """``link`` resolved against ``base``; None when it cannot be resolved.

    ``urljoin`` raises ValueError for a malformed authority (an unbalanced IPv6
    bracket, ``http://[x``) in either part. A bad base still leaves an absolute,
    well-formed ``link`` usable on its own; anything else has no usable URL.
    """
    try:
        return urljoin(base, link)
    except ValueError:
        pass
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme and parts.netloc else None
