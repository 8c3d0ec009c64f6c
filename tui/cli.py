"""The ``lede`` command line: argument parsing only; the work is in :mod:`tui.library`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from tui import __version__
from tui.store import (
    CorruptFileError,
    LibraryLockedError,
    SchemaTooNewError,
    UserDataWriteError,
)
from tui.store.paths import resolve_library_dir
from tui.textsafe import one_line, path_text, strip_controls

#: Above this many files an import shows a progress bar.
PROGRESS_THRESHOLD = 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lede",
        description="A keyboard-first terminal reader for news articles.",
    )
    parser.add_argument("--version", action="version", version=f"lede {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="library directory (default: $LEDE_LIBRARY, else the user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser("import", help="import pages, feeds, Markdown and text files")
    p_import.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p_import.add_argument(
        "--no-analyze", action="store_true", help="skip entity and quotation analysis"
    )
    p_import.add_argument(
        "--follow-links",
        action="store_true",
        help="follow symlinks that lead out of the folders imported (default: report them)",
    )

    p_export = sub.add_parser(
        "export", help="export articles and notes as Markdown, or back up to one JSON file"
    )
    p_export.add_argument("--format", choices=("md", "json"), default="md")
    p_export.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="folder for md (default ./lede-export), file for json (default ./lede-backup.json)",
    )
    p_export.add_argument(
        "--notes-only",
        action="store_true",
        help="md: only noted passages of noted or bookmarked articles; json: user data only",
    )

    p_list = sub.add_parser("list", help="list the articles in the library")
    p_list.add_argument("--json", action="store_true", help="one JSON object per line")

    p_show = sub.add_parser("show", help="print one article as plain text")
    p_show.add_argument("id", help="article id (or a unique prefix of it)")

    p_extract = sub.add_parser("extract", help="print what the importers extract; stores nothing")
    p_extract.add_argument("--json", action="store_true", help="one JSON object per line")
    p_extract.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p_analyze = sub.add_parser(
        "analyze", help="print the entities and quotations found in files; stores nothing"
    )
    p_analyze.add_argument("--json", action="store_true", help="one JSON object per line")
    p_analyze.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p_related = sub.add_parser("related", help="articles related to one, with the reasons")
    p_related.add_argument("id", help="article id (or a unique prefix of it)")
    p_related.add_argument("--json", action="store_true", help="one JSON object per line")
    p_related.add_argument("--limit", type=int, default=20)

    p_search = sub.add_parser("search", help="search titles, bodies, speakers and names")
    p_search.add_argument("query", nargs="+", metavar="QUERY")
    p_search.add_argument("--json", action="store_true", help="one JSON object per line")
    p_search.add_argument("--limit", type=int, default=20)

    p_doctor = sub.add_parser(
        "doctor", help="check the library's files; --repair fixes what is safe to fix"
    )
    p_doctor.add_argument(
        "--repair",
        action="store_true",
        help="rebuild derived files, move damaged ones aside, restore lost bodies, "
        "remove temp files, compact the journal (never deletes user data)",
    )

    p_alias = sub.add_parser("alias", help="merge or split entities the analyser got wrong")
    alias_sub = p_alias.add_subparsers(dest="alias_command", metavar="ACTION", required=True)
    p_merge = alias_sub.add_parser("merge", help="treat NAME as the same entity as INTO")
    p_merge.add_argument("name")
    p_merge.add_argument("into")
    p_unmerge = alias_sub.add_parser("unmerge", help="take a merge back")
    p_unmerge.add_argument("name")
    p_split = alias_sub.add_parser(
        "split", help="keep mentions written SURFACE apart from entity CANONICAL"
    )
    p_split.add_argument("surface")
    p_split.add_argument("canonical")
    p_unsplit = alias_sub.add_parser("unsplit", help="take a split back")
    p_unsplit.add_argument("surface")
    p_unsplit.add_argument("canonical")
    alias_sub.add_parser("list", help="list merges and splits")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    directory = resolve_library_dir(args.library)
    try:
        if args.command is None:
            return run_app(directory)
        handler = COMMANDS[args.command]
        return handler(args, directory)
    except (LibraryLockedError, CorruptFileError, SchemaTooNewError, UserDataWriteError) as exc:
        print(f"lede: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`lede list | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        # Disk full, read-only library, ...: one line; what was committed is kept.
        where = exc.filename or directory
        print(f"lede: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2


#: The bundled sample library, imported on first run into an empty library.
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "sample_articles"


def run_app(directory: Path) -> int:
    from tui.app.factory import make_app  # Deferred: Textual loads only for the app.

    first_run_import(directory)
    make_app(directory).run()
    return 0


def first_run_import(directory: Path) -> None:
    """An empty library gets the sample articles, so a new user has something to read."""
    from tui.store.catalog import CATALOG_FILE

    if (directory / CATALOG_FILE).exists() or not SAMPLES_DIR.is_dir():
        return
    print(f"lede: new library at {directory}; importing the sample articles…", file=sys.stderr)
    with _open(directory, read_only=False) as library:
        report = _import_with_progress(library, [SAMPLES_DIR], True)
        # The seed (the first sample) is what a new user reads first: the app opens it.
        seed = sorted(report.imported, key=lambda item: item[0].name)
        if seed:
            library.store.user.set_setting("last_article", seed[0][1].id)


def _open(directory: Path, *, read_only: bool) -> Any:
    from tui.library import Library

    return Library.open(directory, read_only=read_only)


def cmd_import(args: argparse.Namespace, directory: Path) -> int:
    from tui.export import BackupError
    from tui.export.restore import Backup, probe_backup, restore_backup
    from tui.store import UserDataWriteError

    err = sys.stderr
    # Backups are checked in full before the library is opened: a refused one
    # changes nothing (not even creating an empty library).
    backups: list[Backup] = []
    paths: list[Path] = []
    refused = 0
    for path in args.paths:
        try:
            backup = probe_backup(path) if path.is_file() else None
        except BackupError as exc:
            print(f"lede: {one_line(str(exc))}", file=err)
            refused += 1
            continue
        if backup is None:
            paths.append(path)
        else:
            backups.append(backup)
    if not backups and not paths:
        return 1
    with _open(directory, read_only=False) as library:
        for backup in backups:
            try:
                print(one_line(restore_backup(library, backup).line()), file=err)
            except UserDataWriteError as exc:  # Its articles are in; its notes are not.
                print(f"lede: {path_text(backup.path)}: {one_line(str(exc))}", file=err)
                refused += 1
        report = (
            _import_with_progress(library, paths, not args.no_analyze, args.follow_links)
            if paths
            else None
        )
    if report is None:
        return 1 if refused else 0
    for path, reason in report.failures:
        print(f"lede: {path_text(path)}: {one_line(reason)}", file=err)
    print(
        f"{len(report.imported)} imported, {len(report.duplicates)} already present, "
        f"{len(report.failures)} failed",
        file=err,
    )
    return 0 if report.ok and not refused else 1


def cmd_export(args: argparse.Namespace, directory: Path) -> int:
    from tui.export import export_markdown, write_backup
    from tui.export.backup import DEFAULT_FILE
    from tui.export.md_export import DEFAULT_DIR

    err = sys.stderr
    with _open(directory, read_only=True) as library:
        if args.format == "json":
            summary = write_backup(
                library, args.output or DEFAULT_FILE, notes_only=args.notes_only
            )
            for article_id in summary.unreadable:
                print(f"lede: article {article_id}: body unreadable, not backed up", file=err)
            print(
                f"{one_line(str(summary.path))}: {summary.articles} articles, "
                f"{summary.user_records} user records",
                file=err,
            )
            return 1 if summary.unreadable else 0
        result = export_markdown(library, args.output or DEFAULT_DIR, notes_only=args.notes_only)
    print(
        f"{one_line(str(result.directory))}: {len(result.files)} Markdown files, "
        f"{result.notes} notes and highlights",
        file=err,
    )
    return 0


def _import_with_progress(
    library: Any, paths: list[Path], analyze: bool, follow_links: bool = False
) -> Any:
    """Import, with a progress bar on a terminal once there are more than a few files.

    The bar starts on the first progress report, which carries the file count, so
    the folders are walked once.
    """
    from contextlib import ExitStack

    with ExitStack() as stack:
        bar: Any = None
        task: Any = None

        def advance(done: int, total: int, _path: Path) -> None:
            nonlocal bar, task
            if bar is None:
                if total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
                    return
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

                columns = (TextColumn("Importing"), BarColumn(), MofNCompleteColumn())
                bar = stack.enter_context(
                    Progress(*columns, transient=True, console=_stderr_console())
                )
                task = bar.add_task("import", total=total)
            bar.update(task, completed=done)

        return library.import_paths(
            paths, analyze=analyze, progress=advance, follow_links=follow_links
        )


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def cmd_list(args: argparse.Namespace, directory: Path) -> int:
    out = sys.stdout
    with _open(directory, read_only=True) as library:
        metas = sorted(library.articles(), key=lambda m: m.published or "", reverse=True)
        for meta in metas:
            if args.json:
                row = {
                    "id": meta.id,
                    "title": meta.title,
                    "source": meta.source,
                    "published": meta.published,
                    "url": meta.url,
                    "words": meta.word_count,
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                date = (meta.published or "")[:10].ljust(10)
                source = one_line(meta.source or "")[:18].ljust(18)
                out.write(f"{meta.id[:8]}  {date}  {source}  {one_line(meta.title)}\n")
    return 0


def cmd_show(args: argparse.Namespace, directory: Path) -> int:
    with _open(directory, read_only=True) as library:
        meta = library.resolve_id(args.id)
        article = library.article(meta.id) if meta else None
        unavailable = library.unavailable.get(meta.id) if meta else None
    if article is None:
        reason = unavailable or f"no article with id {one_line(args.id)!r}"
        print(f"lede: {one_line(reason)}", file=sys.stderr)
        return 1
    sys.stdout.write(render_plain(article))
    return 0


def render_plain(article: Any) -> str:
    """The article as plain text, with every control character removed."""
    meta = article.meta
    lines = [meta.title, ""]
    facts = [x for x in (meta.source, (meta.published or "")[:10], ", ".join(meta.bylines)) if x]
    if facts:
        lines += [" · ".join(facts), ""]
    if article.standfirst:
        lines += [article.standfirst, ""]
    for block in article.blocks:
        text = block.text
        if block.kind == "heading":
            text = f"## {text}"
        elif block.kind == "quote":
            text = "> " + text.replace("\n", "\n> ")
        elif block.kind == "list_item":
            text = f"- {text}"
        lines += [text, ""]
    return strip_controls("\n".join(lines))


def cmd_extract(args: argparse.Namespace, _directory: Path) -> int:
    from tui.extract import extract_file_records

    failed = False
    out: TextIO = sys.stdout
    for path in args.files:
        for record in extract_file_records(path):
            if record.get("error"):
                failed = True
                print(f"lede: {path_text(path)}: {one_line(record['error'])}", file=sys.stderr)
            if args.json:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif not record.get("error"):
                out.write(strip_controls(f"{record['title']}\n\n{record['text']}\n\n"))
    return 1 if failed else 0


def cmd_analyze(args: argparse.Namespace, _directory: Path) -> int:
    from tui.analyze_files import analyze_file_record

    failed = False
    for path in args.files:
        record = analyze_file_record(path)
        if record.get("error"):
            failed = True
            print(f"lede: {path_text(path)}: {one_line(record['error'])}", file=sys.stderr)
        if args.json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif not record.get("error"):
            _print_analysis(record)
    return 1 if failed else 0


def _print_analysis(record: dict[str, Any]) -> None:
    out = sys.stdout
    out.write(f"{one_line(record['path'])}\n")
    counts: dict[tuple[str, str], int] = {}
    for entity in record["entities"]:
        key = (entity["type"], entity["canonical"])
        counts[key] = counts.get(key, 0) + 1
    for (kind, name), count in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        out.write(f"  {kind:<6} {one_line(name)} ×{count}\n")
    for quote in record["quotes"]:
        speaker = quote["speaker"] or "(unnamed)"
        out.write(f"  QUOTE  {one_line(speaker)}: “{one_line(quote['text'])[:100]}”\n")


def cmd_related(args: argparse.Namespace, directory: Path) -> int:
    with _open(directory, read_only=True) as library:
        meta = library.resolve_id(args.id)
        if meta is None:
            print(f"lede: no article with id {one_line(args.id)!r}", file=sys.stderr)
            return 1
        for hit in library.related(meta.id, args.limit):
            other = library.meta(hit.article_id)
            title = other.title if other else ""
            if args.json:
                row = {
                    "id": hit.article_id,
                    "title": title,
                    "score": hit.score,
                    "reason": hit.reason,
                    "shared": [{"key": s.key, "weight": round(s.weight, 4)} for s in hit.shared],
                }
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(
                    f"{hit.article_id[:8]}  {hit.score:6.2f}  {one_line(title)}\n"
                    f"          {one_line(hit.reason)}\n"
                )
    return 0


def cmd_search(args: argparse.Namespace, directory: Path) -> int:
    from tui.store.catalog import CATALOG_FILE

    # Writable when possible, so a missing or stale index is built; read-only while
    # another process (the app) holds the library: it keeps the index current.
    try:
        library = _open(directory, read_only=not (directory / CATALOG_FILE).exists())
    except LibraryLockedError:
        library = _open(directory, read_only=True)
    with library:
        hits = library.search(" ".join(args.query), max(args.limit, 0))
    for hit in hits:
        if args.json:
            row = {
                "id": hit.article_id,
                "title": hit.title,
                "snippet": hit.snippet,
                "score": float(f"{hit.score:.6g}"),
                "fields": list(hit.fields),
            }
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(
                f"{hit.article_id[:8]}  {one_line(hit.title)}\n          {one_line(hit.snippet)}\n"
            )
    return 0 if hits else 1


def cmd_alias(args: argparse.Namespace, directory: Path) -> int:
    action = args.alias_command
    with _open(directory, read_only=action == "list") as library:
        if action == "merge":
            library.merge_entities(args.name, args.into)
        elif action == "unmerge":
            library.merge_entities(args.name, None)
        elif action in ("split", "unsplit"):
            library.split_entity(args.surface, args.canonical, on=action == "split")
        else:
            for name, into in sorted(library.store.user.merges().items()):
                print(f"merge  {one_line(name)} -> {one_line(into)}")
            for surface, canonical in library.store.user.splits():
                print(f"split  {one_line(surface)} apart from {one_line(canonical)}")
    return 0


def cmd_doctor(args: argparse.Namespace, directory: Path) -> int:
    from tui.doctor import run_doctor

    return run_doctor(directory, sys.stdout, repair=args.repair)


COMMANDS = {
    "import": cmd_import,
    "export": cmd_export,
    "list": cmd_list,
    "show": cmd_show,
    "extract": cmd_extract,
    "analyze": cmd_analyze,
    "related": cmd_related,
    "search": cmd_search,
    "alias": cmd_alias,
    "doctor": cmd_doctor,
}
