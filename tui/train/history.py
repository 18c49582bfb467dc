"""Bounded histories for the Train tab's live views.

A 10,000-step run must not grow the screen's memory or slow its redraws, so
what the screen keeps is decimated: at most ``cap`` items; when full, every
other item is dropped and from then on only every ``stride``-th new item is
kept. The kept items stay evenly spaced over the whole run. (The metrics file
is written from the full per-step record kept by the tab, not from these.)
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


HISTORY_CAP = 1024  # values a Train sparkline keeps (several per cell even at 200 columns)


class Decimated(Generic[T]):
    """At most ``cap`` evenly spaced items out of everything appended.

    Args:
        cap: the most items kept (an even number, at least 2).
    """

    def __init__(self, cap: int = HISTORY_CAP):
        if cap < 2 or cap % 2:
            raise ValueError("cap must be an even number >= 2")
        self.cap = cap
        self.stride = 1  # keep every stride-th appended item
        self.count = 0  # items appended so far
        self.items: list[T] = []

    def append(self, item: T) -> None:
        index = self.count
        self.count += 1
        if index % self.stride:
            return
        self.items.append(item)
        if len(self.items) >= self.cap:
            self.items = self.items[::2]
            self.stride *= 2

    def clear(self) -> None:
        self.stride, self.count, self.items = 1, 0, []

    def __len__(self) -> int:
        return len(self.items)
