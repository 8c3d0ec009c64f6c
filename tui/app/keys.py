"""Key bindings of the app and the main screen, in one table.

Widgets keep the keys of their own pane (the list's j/k, the reader's n/N) in
their ``BINDINGS``; these are the keys that work everywhere on the main screen.
Every binding has an id (kebab case) so a user keymap can remap it, and a
description, because the footer, the help screen and the command palette are
all made from these tables.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit", tooltip="Save your place and leave Lede"),
    Binding("question_mark", "help", "Help", id="help", tooltip="Every key, pane by pane"),
    Binding("T", "cycle_theme", "Theme", id="cycle-theme", show=False, tooltip="Next theme"),
]

SCREEN_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "Search", id="search", tooltip="Search the whole library"),
    Binding("backspace,alt+left", "back", "Back", id="back", tooltip="Where you were before"),
    Binding("alt+right", "forward", "Forward", id="forward", tooltip="Undo a Back"),
    Binding("ctrl+f", "find", "Find", id="find", tooltip="Find words in this article"),
    Binding("full_stop", "find_next", "Next match", id="find-next", show=False),
    Binding("comma", "find_previous", "Prev match", id="find-previous", show=False),
    Binding("b", "toggle_bookmark", "Bookmark", id="bookmark", tooltip="Bookmark the article"),
    Binding("u", "toggle_read", "Read/unread", id="toggle-read", show=False),
    Binding("s", "cycle_sort", "Sort", id="cycle-sort", tooltip="Sort by date, title or source"),
    Binding("f", "filters", "Filter", id="filters", tooltip="Filter by unread, bookmark, source"),
    Binding("U", "filter_unread", "Unread only", id="filter-unread", show=False),
    Binding("B", "filter_bookmarked", "Bookmarked only", id="filter-bookmarked", show=False),
    Binding("e", "filter_entity", "Filter by entity", id="filter-entity", show=False),
    Binding("x", "clear_filters", "Clear filters", id="clear-filters", show=False),
    Binding(
        "a",
        "annotate",
        "Note",
        id="annotate",
        tooltip="Note on the selection, focused name or quotation, else the top paragraph",
    ),
    Binding(
        "A",
        "note_article",
        "Note on article",
        id="note-article",
        show=False,
        tooltip="A note on the whole article",
    ),
    Binding(
        "m",
        "mark_place",
        "Mark place",
        id="mark-place",
        show=False,
        tooltip="Bookmark the place you are reading",
    ),
    Binding(
        "apostrophe",
        "bookmarks",
        "Bookmarks",
        id="bookmarks",
        show=False,
        tooltip="Every bookmark, newest first",
    ),
    Binding(
        "M",
        "all_notes",
        "All notes",
        id="all-notes",
        show=False,
        tooltip="Every note and highlight in the library, newest first",
    ),
    Binding(
        "z",
        "undo",
        "Undo delete",
        id="undo",
        show=False,
        tooltip="Bring back the note or bookmark deleted last",
    ),
    Binding(
        "I",
        "import",
        "Import",
        id="import",
        show=False,
        tooltip="Import a file or folder (runs in the background; Esc cancels)",
    ),
    Binding("i", "toggle_sidebar", "Sidebar", id="toggle-sidebar", tooltip="Show or hide it"),
    Binding("escape", "to_list", "List", id="to-list", show=False, tooltip="Back to the list"),
]
