"""Importers: bytes in, :class:`~tui.model.ParsedArticle` out. No Textual, no disk writes."""
