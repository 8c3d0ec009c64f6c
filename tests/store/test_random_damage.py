"""Random damage to any library file never crashes the app or ``lede doctor``.

Each round damages one to three files of a real library (catalog, listing,
user data and its previous generation, journal, index files, bodies, the lock)
by truncation, a changed byte, or a random change to its JSON that keeps it
valid JSON, then: the app opens (a catalog from a "newer Lede" is refused with
its message instead), every listed article opens and lays out or says why it
cannot, the user data reads, related articles and search answer, and
``lede doctor --repair`` leaves nothing repairable behind. Rounds are seeded:
a failure names its seed, which replays it.
"""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from tui.app.factory import make_app
from tui.doctor import run_doctor
from tui.doctor.checks import check_library
from tui.notes import place_notes
from tui.reading.layout import layout
from tui.store import SchemaTooNewError
from tui.store.journal import encode_line

ROUNDS = 40
TARGETS = [
    "catalog.json",
    "listing.bin",
    "user.json",
    "user.json.prev",
    "user.log",
    "user.log.prev",
    "lede.lock",
    "index/related.json",
    "index/names.json",
    "index/search.sqlite",
]
ODD_VALUES: list[Any] = [None, 5, -1, "x", "", [], {}, True, [1, "a"], {"a": 1}]


def mutate(value: Any, rng: random.Random, depth: int = 0) -> Any:
    """``value`` with one random part replaced by an odd value."""
    if isinstance(value, dict | list) and value and depth < 6 and rng.random() < 0.7:
        key = rng.choice(list(value)) if isinstance(value, dict) else rng.randrange(len(value))
        value[key] = mutate(value[key], rng, depth + 1)
        return value
    return rng.choice(ODD_VALUES)


def damage(path: Path, rng: random.Random) -> None:
    raw = path.read_bytes()
    how = rng.choice(["truncate", "byte", "json", "json"])
    if how == "truncate" or not raw:
        raw = raw[: rng.randrange(len(raw) + 1)]
    elif how == "byte":
        changed = bytearray(raw)
        changed[rng.randrange(len(changed))] = rng.randrange(256)
        raw = bytes(changed)
    elif path.name == "user.log":
        record = {"c": rng.choice(["notes", "bookmarks", "state", "aliases"]), "k": "k"}
        raw += encode_line({**record, "v": mutate({"article": "a", "id": "k"}, rng)})
    else:
        try:
            raw = json.dumps(mutate(json.loads(raw), rng)).encode()
        except ValueError:
            raw = raw[: len(raw) // 2]  # Not JSON (the search index): cut it instead.
    path.write_bytes(raw)


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_random_damage_never_crashes_the_app_or_doctor(
    built: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    root = tmp_path / "library"
    shutil.copytree(built, root)
    bodies = [str(p.relative_to(root)) for p in sorted(root.glob("bodies/*/*.json"))]
    for name in rng.sample(TARGETS + bodies, rng.randint(1, 3)):
        damage(root / name, rng)
    try:
        app = make_app(root)
    except SchemaTooNewError as exc:
        assert "newer Lede" in str(exc)  # Refused with its message, and left alone.
        return
    library = app.library
    try:
        user = library.store.user
        for index in range(len(app.browse)):
            article_id = app.browse.article_id(index)
            article = library.article(article_id)
            if article is None:
                assert library.unavailable[article_id]  # Says why.
                continue
            layout(article, 60)
            place_notes(user.notes_for(article_id), article.text)
            library.related(article_id)
        library.search("blacklist")
        user.bookmarks(), user.all_notes(), user.read_ids(), user.merges(), user.splits()
    finally:
        library.close()
    run_doctor(root, io.StringIO(), repair=True)
    findings, _census = check_library(root)
    assert [f for f in findings if f.repairable and f.serious] == []
