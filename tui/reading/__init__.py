"""The reader's pure half: highlights of an article and its layout in lines (no Textual)."""
