"""Pathological files imported from the app: it keeps answering keys while a
100,000-item feed is read, Esc cancels inside that one file, a refused 50 MB
line is one line naming the file and the reason, and file names that are not
UTF-8 or hold line breaks and escapes show as printable lines (issue 6)."""

from __future__ import annotations

from pathlib import Path

from tests import pathological as gen
from tests.integration.test_import_paths import ODD_NAMES, SHOWN, page, write_named
from tests.ui.test_import_in_app import open_import_screen
from tests.ui.test_reading_flows import main
from tui.app.factory import make_app
from tui.library import Library


async def test_the_app_answers_keys_during_a_100000_item_feed_and_esc_cancels_it(
    sample_library: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(gen.big_feed(100_000))
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        before = len(main(app).browse)
        screen = await open_import_screen(pilot)
        screen.start(feed)
        # The worker is reading one big file; the app still takes a key and
        # answers it at once, while the import is still running.
        await pilot.press("escape")
        assert screen.importing
        assert screen.status.startswith("Cancelling")
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = screen.report
        assert report is not None and report.cancelled
        # Stopped after the first chunk of the feed, which is kept and listed.
        assert len(report.imported) == 500
        assert screen.status.startswith("Cancelled after importing 500 article(s)")
        await pilot.press("escape")
        await pilot.pause()
        assert len(main(app).browse) == before + 500
    with Library.open(sample_library, read_only=True) as library:
        titles = {meta.title for meta in library.articles()}
        assert {"Item 0", "Item 499"} <= titles
        assert "Item 500" not in titles


async def test_a_refused_50_mb_line_is_one_line_naming_the_file(
    sample_library: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "line.txt").write_bytes(gen.long_line(50_000_000))
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import_screen(pilot)
        screen.start(folder)
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = screen.status.splitlines()
        assert lines[0] == "Imported 0 article(s), 1 file(s) not imported:"
        # The path is cut from the left to fit; the file name and the reason stay whole.
        reason = "48.4 million characters: one article may have 2 million; split it"
        assert lines[1].removesuffix(".").endswith(f"/in/line.txt: {reason}")
        assert not screen.importing


async def test_odd_file_names_show_as_printable_lines_in_the_app(
    sample_library: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in ODD_NAMES:
        write_named(folder, name, b"")  # Each one fails, so its name is shown.
    write_named(folder, b"caf\xe9 good.md", page(1))
    app = make_app(sample_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_import_screen(pilot)
        screen.start(folder)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = screen.status
        lines = status.splitlines()
        assert lines[0] == f"Imported 1 article(s), {len(ODD_NAMES)} file(s) not imported:"
        assert sorted(line.split("/odd/")[1].removesuffix(".") for line in lines[1:-1]) == sorted(
            f"{name}: empty file" for name in SHOWN
        )
        for line in lines:
            line.encode("utf-8")
            assert line.isprintable(), repr(line)
        await pilot.press("escape")
        await pilot.pause()
        titles = {main(app).browse.row(i).title for i in range(len(main(app).browse))}
        assert "Page 1" in titles
