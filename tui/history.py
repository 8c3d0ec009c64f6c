"""Back and forward through visited articles, like a browser's history.

Pure and small so it is tested without the app: the screen tells it where the
reader is when it leaves a place, and asks it where to go back or forward to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Enough for a long reading session; the oldest places fall off first.
MAX_DEPTH = 200


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the library: an article, the body offset at the top of the
    reader, and the highlight that was focused there (if any)."""

    article_id: str
    offset: int = 0
    highlight: int | None = None


@dataclass(slots=True)
class History:
    """Browser-style history: visiting a new place clears the forward stack."""

    current: Location | None = None
    _back: list[Location] = field(default_factory=list)
    _forward: list[Location] = field(default_factory=list)

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def visit(self, location: Location, *, leaving: Location | None = None) -> None:
        """Go to a new place. ``leaving`` is where the reader is now, exactly, so that
        Back returns to that line rather than to where the article was opened."""
        here = leaving or self.current
        if here is not None and here != location:
            self._back.append(here)
            del self._back[:-MAX_DEPTH]
        self._forward.clear()
        self.current = location

    def update(self, location: Location) -> None:
        """Record a move within the current place (scrolling, focusing a highlight)."""
        self.current = location

    def back(self, leaving: Location | None = None) -> Location | None:
        """Step back; returns the place to restore, or None at the start."""
        if not self._back:
            return None
        here = leaving or self.current
        if here is not None:
            self._forward.append(here)
        self.current = self._back.pop()
        return self.current

    def forward(self, leaving: Location | None = None) -> Location | None:
        """Step forward again after Back; None when there is nothing ahead."""
        if not self._forward:
            return None
        here = leaving or self.current
        if here is not None:
            self._back.append(here)
        self.current = self._forward.pop()
        return self.current

    def forget(self, article_id: str) -> None:
        """Drop every visit to an article that no longer exists."""
        self._back = [loc for loc in self._back if loc.article_id != article_id]
        self._forward = [loc for loc in self._forward if loc.article_id != article_id]
        if self.current is not None and self.current.article_id == article_id:
            self.current = None
