"""Entities, quotations and related articles: text in, spans out. No Textual."""
