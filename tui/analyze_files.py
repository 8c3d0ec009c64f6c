"""``lede analyze``: entities and quotations of files' whole text, as plain records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.gather import describe_os_error
from tui.ingest.encoding import decode_bytes
from tui.textsafe import path_text


def analyze_file_record(path: Path) -> dict[str, Any]:
    """Analyse the file's text exactly as read (decoded, nothing stripped).

    Offsets are character (code point) offsets into that decoded text.
    """
    from tui.nlp import analyze

    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = describe_os_error(exc)
        return {"path": path_text(path), "error": reason, "entities": [], "quotes": []}
    text, _encoding = decode_bytes(data)
    analysis = analyze(text)
    return {
        "path": path_text(path),
        "entities": [{k: v for k, v in e.to_dict().items()} for e in analysis.entities],
        "quotes": [
            {k: q.to_dict()[k] for k in ("text", "speaker", "cue", "start", "end")}
            for q in analysis.quotes
        ],
    }
