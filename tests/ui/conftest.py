"""A sample library imported once, copied fresh for each test that drives the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tui.library import Library


@pytest.fixture(scope="session")
def imported_samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("samples") / "library"
    with Library.open(root) as library:
        library.import_paths([SAMPLES])
        library.search("warm up")  # Builds the search index once, here.
    return root


@pytest.fixture
def sample_library(imported_samples: Path, tmp_path: Path) -> Path:
    """A private copy of the imported samples: each test may change user data."""
    root = tmp_path / "library"
    shutil.copytree(imported_samples, root)
    (root / "lede.lock").unlink(missing_ok=True)
    return root


@pytest.fixture(scope="session")
def seed_id(imported_samples: Path) -> str:
    with Library.open(imported_samples, read_only=True) as library:
        return next(m.id for m in library.articles() if m.origin_file == SEED.name)
