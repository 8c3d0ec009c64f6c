"""Export and backup end to end: a real library built from the samples, notes made
through UserData, Markdown a user would open in Obsidian, and JSON backups restored
into other libraries through the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import SAMPLES, SEED
from tui.annotate import article_target, paragraph_at, span_target
from tui.cli import main
from tui.library import Library
from tui.notes import Anchor, Note
from tui.store.catalog import CATALOG_FILE

SEED_TITLE = "China tells US to reverse decision to blacklist Xinjiang tech firms"
HIGHLIGHT = "biggest producers of surveillance equipment"
DETACHED = "A sentence the publisher has since edited away."
HOSTILE_TITLE = 'Breaking: "Quotes" [bold]red[/] #tag\x1b[2J\n---\nkey: value\x07'
HOSTILE_BLOCKS = [
    ["paragraph", "---"],
    ["paragraph", "# not a heading\n    indented, not code"],
    ["paragraph", "Bell\x07 and escape \x1b]52;c;ZXZpbA==\x07 and <iframe src=x> and [[wiki]]"],
    ["paragraph", "Costs $5 and $6, ==not a mark== and %%not a comment%% and [bold]x[/]"],
    ["list_item", "1. not an ordered list"],
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seed_id(library: Library) -> str:
    return next(m.id for m in library.articles() if m.origin_file == SEED.name)


def other_ids(library: Library) -> list[str]:
    return sorted(m.id for m in library.articles() if m.origin_file != SEED.name)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, with notes, highlights, bookmarks, read marks and positions."""
    root = tmp_path_factory.mktemp("export") / "library"
    with Library.open(root) as library:
        assert library.import_paths([SAMPLES]).ok
        seed = library.article(seed_id(library))
        assert seed is not None
        text = seed.text
        user = library.store.user
        start, end = paragraph_at(seed, text.index("stay tuned"))  # type: ignore[misc]
        paragraph = span_target(seed, "paragraph", start, end, text[start:end])
        library.save_note(paragraph.new_note(seed, "Geng's *threat*.\nSecond line."))
        at = text.index(HIGHLIGHT)
        passage = span_target(seed, "passage", at, at + len(HIGHLIGHT), HIGHLIGHT)
        library.save_note(passage.new_note(seed, ""))
        library.save_note(article_target(seed).new_note(seed, "Read with the Q&A piece."))
        lost = Anchor(start=10, end=10 + len(DETACHED), exact=DETACHED)
        library.save_note(
            Note("20200101000000000000-abcdef", seed.id, "passage", "Gone now.", lost, DETACHED)
        )
        user.set_bookmark(seed.id, True)
        user.add_position_bookmark(seed.id, start, text[start : start + 80])
        user.set_read(seed.id)
        user.set_position(seed.id, 420)
        highlighted, bookmarked = other_ids(library)[:2]
        other = library.article(highlighted)
        assert other is not None
        first = other.blocks[0].text
        library.save_note(span_target(other, "passage", 0, len(first), first).new_note(other, ""))
        user.set_bookmark(bookmarked, True)
        user.set_read(bookmarked)
        user.set_setting("theme", "lede-light")
        library.merge_entities("Geng", "Geng Shuang")
    return root


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A reader for the YAML subset the exporter writes: quoted scalars are JSON strings."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    fields: dict[str, Any] = {}
    stack: list[tuple[int, dict[str, Any]]] = [(-1, fields)]
    last_key: list[tuple[int, str, dict[str, Any]]] = []
    for line in lines[1:end]:
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if body.startswith("- "):
            _i, key, parent = last_key[-1]
            if not isinstance(parent[key], list):
                parent[key] = []
            parent[key].append(json.loads(body[2:]))
            continue
        match = re.fullmatch(r"([A-Za-z_][\w-]*):(?: (.*))?", body)
        assert match, f"not a front matter line: {line!r}"
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        key, value = match.groups()
        if value is None:
            parent[key] = {}
            stack.append((indent, parent[key]))
            last_key.append((indent, key, parent))
        else:
            parent[key] = json.loads(value) if value.startswith('"') else value
    return fields, "\n".join(lines[end + 1 :])


def shown(inline: Token) -> str:
    """The text a Markdown viewer shows for an inline token (escapes resolved)."""
    parts = {"text": None, "softbreak": "\n"}
    children = inline.children or []
    return "".join(parts[c.type] or c.content for c in children if c.type in parts)


def export_md(root: Path, out: Path, *flags: str) -> dict[str, str]:
    code = main(["--library", str(root), "export", "--output", str(out), *flags])
    assert code == 0
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(out.iterdir())}


def seed_file(files: dict[str, str]) -> str:
    (name,) = [n for n in files if n.startswith("china-tells-us-to-reverse-decision")]
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}\.md", name)
    return files[name]


# Markdown ------------------------------------------------------------------------
def test_markdown_front_matter(annotated: Path, tmp_path: Path) -> None:
    files = export_md(annotated, tmp_path / "out")
    with Library.open(annotated, read_only=True) as library:
        assert len(files) == len(library)
        meta = library.meta(seed_id(library))
    assert meta is not None
    fields, _body = front_matter(seed_file(files))
    assert fields["title"] == SEED_TITLE
    assert fields["source"] == "Saudi Press"
    assert fields["date"] == "2026-01-14"
    assert fields["lede_id"] == meta.id
    tags = ["lede", "bookmarked", "highlight", "article-note", "paragraph-note", "passage-note"]
    assert fields["tags"] == tags
    people = fields["entities"]["people"]
    assert "Geng Shuang" in people and "Geng" not in people  # The user's merge applies.
    assert "Xinjiang" in fields["entities"]["places"]


def test_markdown_notes_sit_under_their_paragraph(annotated: Path, tmp_path: Path) -> None:
    _fields, body = front_matter(seed_file(export_md(annotated, tmp_path / "out")))
    sections = [line for line in body.split("\n") if line.startswith("## ")]
    assert sections[:3] == ["## Notes", "## Bookmarks", "## Article"]
    assert sections[-1] == "## Detached notes"
    notes_part = body.split("## Bookmarks")[0]
    assert "> [!note] On the whole article\n> Read with the Q&A piece." in notes_part
    paragraphs = body.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if "told reporters to “stay tuned”" in p)
    assert paragraphs[at + 1] == "> [!note] On this paragraph\n> Geng's *threat*.\n> Second line."
    assert f"=={HIGHLIGHT}==" in body
    bookmarks = body.split("## Bookmarks")[1].split("## Article")[0]
    assert "- The whole article" in bookmarks
    assert "- “Speaking days before high-level trade talks" in bookmarks


def test_markdown_keeps_a_detached_note_with_its_text(annotated: Path, tmp_path: Path) -> None:
    _fields, body = front_matter(seed_file(export_md(annotated, tmp_path / "out")))
    detached = body.split("## Detached notes")[1]
    assert detached.strip() == (
        "> [!note] On a passage no longer in the text\n"
        "> A sentence the publisher has since edited away.\n>\n> Gone now."
    )


def test_markdown_notes_only(annotated: Path, tmp_path: Path) -> None:
    files = export_md(annotated, tmp_path / "out", "--notes-only")
    assert len(files) == 3  # The seed, the highlighted and the bookmarked article.
    _fields, body = front_matter(seed_file(files))
    assert "## Noted passages" in body
    assert "told reporters to “stay tuned”" in body and f"=={HIGHLIGHT}==" in body
    assert "## Detached notes" in body
    with Library.open(annotated, read_only=True) as library:
        seed = library.article(seed_id(library))
    assert seed is not None
    plain = [b.text for b in seed.blocks if "stay tuned" not in b.text and HIGHLIGHT not in b.text]
    assert not [text for text in plain if len(text) > 40 and text in body]


def test_markdown_of_a_hostile_article(tmp_path: Path) -> None:
    """Article text can hold anything: the front matter stays valid, nothing becomes
    Markdown syntax, and no control character reaches the file."""
    root = tmp_path / "library"
    backup = tmp_path / "hostile.json"
    meta = {"id": "0123456789abcdef", "title": HOSTILE_TITLE, "source": 'Evil: "Corp"\n- x'}
    body = {"standfirst": "", "blocks": HOSTILE_BLOCKS, "related_headlines": [], "analysis": None}
    record = {"format": "lede-backup", "version": 1, "user": {}}
    backup.write_text(json.dumps({**record, "articles": [{"meta": meta, "body": body}]}))
    assert main(["--library", str(root), "import", str(backup)]) == 0
    (text,) = export_md(root, tmp_path / "out").values()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    fields, body_md = front_matter(text)
    assert fields["title"] == 'Breaking: "Quotes" [bold]red[/] #tag[2J --- key: value'
    assert fields["source"] == 'Evil: "Corp" - x'
    assert set(fields) == {"title", "source", "tags", "lede_id"}
    tokens = MarkdownIt("commonmark").parse(body_md)
    kinds = {token.type for token in tokens}
    assert not kinds & {"hr", "html_block", "code_block", "fence", "ordered_list_open"}
    inline = [child.type for t in tokens for child in t.children or []]
    assert "html_inline" not in inline and "link_open" not in inline
    headings = [shown(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ['Breaking: "Quotes" [bold]red[/] #tag[2J --- key: value']
    paragraphs = [shown(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert paragraphs == [
        "---",
        "# not a heading\nindented, not code",
        "Bell and escape ]52;c;ZXZpbA== and <iframe src=x> and [[wiki]]",
        "Costs $5 and $6, ==not a mark== and %%not a comment%% and [bold]x[/]",
        "1. not an ordered list",
    ]


def test_export_file_names_stay_inside_the_output_dir(tmp_path: Path) -> None:
    root = tmp_path / "library"
    backup = tmp_path / "names.json"
    articles = [
        {"meta": {"id": f"{n:016x}", "title": title}, "body": {"blocks": [["paragraph", "x"]]}}
        for n, title in enumerate(["../../etc/passwd", "CON", "", "日本語のタイトル", "a/b\\c"], 1)
    ]
    record = {"format": "lede-backup", "version": 1, "user": {}, "articles": articles}
    backup.write_text(json.dumps(record))
    assert main(["--library", str(root), "import", str(backup)]) == 0
    files = export_md(root, tmp_path / "out")
    assert sorted(files) == [
        "a-b-c-00000000.md",
        "article-00000000.md",
        "article-0000000000000004.md",  # The short id is taken: the whole id instead.
        "con-00000000.md",
        "etc-passwd-00000000.md",
    ]
    assert all(re.fullmatch(r"[a-z0-9-]+\.md", name) for name in files)
    assert not (tmp_path / "etc").exists()


# JSON backup ----------------------------------------------------------------------
def backup_of(root: Path, path: Path, *flags: str) -> dict[str, Any]:
    assert (
        main(["--library", str(root), "export", "--format", "json", "--output", str(path), *flags])
        == 0
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported")
    return data


def test_json_round_trip_is_lossless(annotated: Path, tmp_path: Path) -> None:
    first = backup_of(annotated, tmp_path / "a.json")
    assert first["format"] == "lede-backup" and first["version"] == 1
    assert len(first["articles"]) >= 21
    assert all("raw" not in article["body"] for article in first["articles"])
    restored = tmp_path / "b"
    assert main(["--library", str(restored), "import", str(tmp_path / "a.json")]) == 0
    assert backup_of(restored, tmp_path / "b.json") == first
    with Library.open(restored) as library:
        seed = seed_id(library)
        assert set(library.store.listing().ids) == {a["meta"]["id"] for a in first["articles"]}
        assert any(hit.article_id == seed for hit in library.search("Hikvision"))
        assert library.related(seed)
        assert library.store.user.is_read(seed) and library.store.user.position(seed) == 420
        assert any(hit.article_id == seed for hit in library.search("threat"))


def test_json_notes_only_holds_the_user_data(annotated: Path, tmp_path: Path) -> None:
    data = backup_of(annotated, tmp_path / "notes.json", "--notes-only")
    assert data["articles"] == []
    assert len(data["user"]["notes"]) == 5


def test_import_into_a_library_that_has_some_of_it(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "a.json"
    backup_of(annotated, backup)
    data = json.loads(backup.read_text(encoding="utf-8"))
    root = tmp_path / "b"
    with Library.open(root) as library:
        assert library.import_paths([SEED]).ok
        seed = seed_id(library)
        notes = data["user"]["notes"]
        older, newer = sorted(notes)[:2]
        library.store.user.import_data(
            {
                "notes": {
                    older: {
                        **notes[older],
                        "text": "mine, newer",
                        "updated": "2999-01-01T00:00:00+00:00",
                    },
                    newer: {
                        **notes[newer],
                        "text": "mine, older",
                        "updated": "2000-01-01T00:00:00+00:00",
                    },
                },
                "settings": {"theme": "lede-dark"},
            }
        )
    capsys.readouterr()
    code, _out, err = run(capsys, "--library", str(root), "import", str(backup))
    assert code == 0
    total = len(data["articles"])
    users = sum(len(rows) for rows in data["user"].values())
    assert err.strip() == (
        f"{backup}: {total - 1} articles restored, 1 already present; "
        f"{users - 3} user records added, 1 updated, 2 kept"
    )
    with Library.open(root, read_only=True) as library:
        assert len(library) == total
        user = library.store.user
        assert user.note(older).text == "mine, newer"  # type: ignore[union-attr]
        assert user.note(newer).text == notes[newer]["text"]  # type: ignore[union-attr]
        assert user.get_setting("theme") == "lede-dark"
        assert user.is_read(seed)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (lambda good: good[: len(good) // 2], "damaged backup: not valid JSON"),
        (
            lambda good: good.replace('"version": 1', '"version": 7', 1),
            "made by a newer Lede (backup version 7; this Lede reads up to 1)",
        ),
        (
            lambda good: good.replace('{"meta": {"id": "', '{"meta": {"id": "../', 1),
            "damaged backup: article 1: meta.id is not an article id",
        ),
        (
            lambda good: good.replace('"notes": {', '"secrets": {"x": {}}, "notes": {', 1),
            "damaged backup: unknown user data collection 'secrets'",
        ),
        (
            lambda good: good.replace('"blocks": [[', '"blocks": [["script", "x"], [', 1),
            "damaged backup: article 1: a block in body.blocks is malformed",
        ),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    annotated: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: Any,
    reason: str,
) -> None:
    good = tmp_path / "good.json"
    backup_of(annotated, good)
    bad = tmp_path / "bad.json"
    bad.write_text(content(good.read_text(encoding="utf-8")), encoding="utf-8")
    root = tmp_path / "b"
    with Library.open(root) as library:
        assert library.import_paths([SEED]).ok
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    capsys.readouterr()
    code, _out, err = run(capsys, "--library", str(root), "import", str(bad))
    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith(f"lede: {bad}: {reason}")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_refused_backup_does_not_create_a_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "backup.json"
    foreign.write_text('{"format": "lede-backup", "version": 1, "user": [], "articles": []}')
    code, _out, err = run(capsys, "--library", str(tmp_path / "lib"), "import", str(foreign))
    assert (code, err) == (1, f"lede: {foreign}: damaged backup: user data is not an object\n")
    assert not (tmp_path / "lib" / CATALOG_FILE).exists()


def test_cli_export_reports_what_it_wrote(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "md"
    code, stdout, err = run(capsys, "--library", str(annotated), "export", "--output", str(out))
    assert (code, stdout) == (0, "")
    assert err == f"{out}: {len(list(out.iterdir()))} Markdown files, 5 notes and highlights\n"
    target = tmp_path / "backup.json"
    code, _out, err = run(
        capsys, "--library", str(annotated), "export", "--format", "json", "--output", str(target)
    )
    assert code == 0
    assert re.fullmatch(rf"{re.escape(str(target))}: \d+ articles, \d+ user records\n", err)
    assert not list(tmp_path.glob(".*.tmp"))


def test_backups_inside_a_folder_are_named_not_imported_as_text(
    annotated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    backup_of(annotated, folder / "whole.json")
    good = (folder / "whole.json").read_bytes()
    (folder / "torn.json").write_bytes(good[:3000])
    capsys.readouterr()
    code, _out, err = run(capsys, "--library", str(tmp_path / "lib"), "import", str(folder))
    assert code == 1
    assert err.splitlines() == [
        f"lede: {folder / 'torn.json'}: damaged Lede backup (not valid JSON)",
        f"lede: {folder / 'whole.json'}: a Lede backup: restore it on its own (lede import FILE)",
        "0 imported, 0 already present, 2 failed",
    ]
