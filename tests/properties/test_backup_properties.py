"""The backup validator on damaged backups: a Backup or BackupError, nothing else.

A real small backup (``fuzz/corpus/backup/library.json``) is damaged at random
paths (a value replaced by any JSON value, or a key dropped) and handed to
``parse_backup``, what ``load_backup`` runs after reading the file. Skipped
on a tree without ``tui.export``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import common

restore = pytest.importorskip("tui.export.restore")

SEED = json.loads(
    (Path(__file__).resolve().parents[2] / "fuzz/corpus/backup/library.json").read_bytes()
)
PATH = Path("damaged.json")
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value``."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


PATHS = _paths(SEED)[1:]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), json_value, st.booleans()), max_size=3))
def test_damaged_backup_is_refused_with_a_reason(damage: list[tuple[Any, Any, bool]]) -> None:
    value = copy.deepcopy(SEED)
    for path, replacement, drop in damage:
        parent = value
        try:
            for key in path[:-1]:
                parent = parent[key]
            if drop and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = replacement
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    size = len(json.dumps(value))
    with common.timed(size, "parse_backup"):
        try:
            backup = restore.parse_backup(value, PATH)
        except restore.BackupError as error:
            assert error.reason.strip()
            return
    assert backup.path == PATH
