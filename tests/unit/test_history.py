"""Back/forward behave like a browser's, and return to the exact place left."""

from __future__ import annotations

from tui.history import MAX_DEPTH, History, Location


def test_back_returns_to_the_exact_place_left_and_forward_comes_back() -> None:
    history = History()
    history.visit(Location("a"))
    history.visit(Location("b"), leaving=Location("a", offset=420, highlight=3))
    assert history.can_go_back and not history.can_go_forward

    back = history.back(leaving=Location("b", offset=10))
    assert back == Location("a", offset=420, highlight=3)
    assert history.can_go_forward

    forward = history.forward(leaving=Location("a", offset=420, highlight=3))
    assert forward == Location("b", offset=10)
    assert history.back() == Location("a", offset=420, highlight=3)


def test_visiting_after_back_clears_forward() -> None:
    history = History()
    for name in "abc":
        history.visit(Location(name))
    history.back()
    history.visit(Location("d"))
    assert not history.can_go_forward
    assert history.back() == Location("b")
    assert history.back() == Location("a")
    assert history.back() is None
    assert history.current == Location("a")


def test_revisiting_the_same_place_adds_no_step() -> None:
    history = History()
    history.visit(Location("a"))
    history.visit(Location("a"))
    assert not history.can_go_back


def test_history_is_bounded_and_forgets_deleted_articles() -> None:
    history = History()
    for i in range(MAX_DEPTH + 50):
        history.visit(Location(str(i)))
    steps = 0
    while history.back():
        steps += 1
    assert steps == MAX_DEPTH
    history.visit(Location("x"))
    history.visit(Location("y"))
    history.forget("x")
    assert history.back() != Location("x")
