"""Plain dataclasses shared by every layer (ingest, nlp, store, library, app).

Nothing here imports Textual or touches the disk: these are the nouns the rest
of Lede passes around, each with an explicit to/from dict so the store can keep
them as JSON without pickling.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "quote", "list_item"]
BLOCK_KINDS: tuple[str, ...] = ("heading", "paragraph", "quote", "list_item")

EntityType = Literal["PERSON", "ORG", "PLACE"]

#: Blocks of an article body are joined with this separator everywhere (the
#: extractor's ``text``, the analyser's offsets, the reader), so an offset into
#: the body text means the same thing in every layer.
BLOCK_SEPARATOR = "\n\n"


@dataclass(slots=True)
class Block:
    """One unit of an article body: a heading, paragraph, block quote or list item."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(kind=str(data["kind"]), text=str(data["text"]))


def body_text(blocks: list[Block]) -> str:
    """The body as one string, blocks separated by a blank line."""
    return BLOCK_SEPARATOR.join(block.text for block in blocks)


@dataclass(slots=True)
class ParsedArticle:
    """What an importer makes of one article in a file, before it is stored."""

    title: str
    blocks: list[Block]
    format: str
    bylines: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or datetime
    source: str | None = None
    url: str | None = None
    language: str | None = None
    standfirst: str = ""
    related_headlines: list[str] = field(default_factory=list)
    #: True when a feed item only carried a summary, not the full article.
    summary_only: bool = False
    tags: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return body_text(self.blocks)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["blocks"] = [block.to_dict() for block in self.blocks]
        return data


@dataclass(slots=True)
class EntityMention:
    """A named entity found in a text, by character offsets into that text."""

    text: str
    type: str  # PERSON | ORG | PLACE
    canonical: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "canonical": self.canonical,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityMention:
        return cls(
            text=data["text"],
            type=data["type"],
            canonical=data["canonical"],
            start=int(data["start"]),
            end=int(data["end"]),
        )


@dataclass(slots=True)
class Quotation:
    """A direct quotation: the words inside the marks, who said them, and where."""

    text: str
    speaker: str | None
    cue: str | None
    start: int
    end: int
    #: Type of the speaker entity when known (PERSON or ORG), for display.
    speaker_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "speaker_type": self.speaker_type,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quotation:
        return cls(
            text=data["text"],
            speaker=data.get("speaker"),
            cue=data.get("cue"),
            start=int(data["start"]),
            end=int(data["end"]),
            speaker_type=data.get("speaker_type"),
        )


@dataclass(slots=True)
class Analysis:
    """Entities and quotations of one text."""

    entities: list[EntityMention] = field(default_factory=list)
    quotes: list[Quotation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            entities=[EntityMention.from_dict(e) for e in data.get("entities", [])],
            quotes=[Quotation.from_dict(q) for q in data.get("quotes", [])],
        )


@dataclass(slots=True)
class ArticleMeta:
    """What the article list needs about one stored article: small, loaded at start."""

    id: str
    title: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    bylines: list[str] = field(default_factory=list)
    language: str | None = None
    word_count: int = 0
    imported_at: str = ""
    format: str = ""
    summary_only: bool = False
    tags: list[str] = field(default_factory=list)
    origin_file: str = ""
    origin_sha256: str = ""
    text_hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        # Field by field, not dataclasses.asdict: asdict recurses through every
        # value with deepcopy, which cost a third of a 100,000-item feed's import.
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["bylines"] = list(self.bylines)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleMeta:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


@dataclass(slots=True)
class Article:
    """A stored article in full: its list metadata plus the body, read on open."""

    meta: ArticleMeta
    standfirst: str
    blocks: list[Block]
    related_headlines: list[str] = field(default_factory=list)
    analysis: Analysis | None = None

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def text(self) -> str:
        return body_text(self.blocks)
