"""When each part of the book can be laid out for good: pure planning over page counts.

Most parts print no page number and are laid out once, at once. A part that prints page numbers
(the contents, the index, a chapter that says "see p. 42") can be laid out for good only when
those numbers are known, and a number is known when every part up to the anchor's has been laid
out (its page count) and the anchor's own part has said on which of its pages the anchor landed.
A part whose numbers wait on its own page count, or on a part before it that waits too (the
front pages' contents list every section, and every section comes after them), is first
*measured* with placeholder numbers: laid out, not written, for its page count. A section's own
anchor is taken to be on its part's first page before the part is laid out, so the contents need
not wait for the index's layout to print where it starts.

In a cold build, a part whose numbers wait on no count of its own (the index) is also *forecast*
once all but one part before it have a count: laid out once with guessed numbers (:meth:`guesses`)
for its page count alone, which numbers nothing in the book (:meth:`lengths`); with it the book's
length is foreseen, and the end pages and the furniture are made while that part is laid out for
good (``ahead.py``). It waits for a forecast of a part before it that is still out, and guesses
that part's anchors where its forecast put them: the guesses are then usually the numbers for good,
and the layout for good is the forecast's with them set (``weasy.renumber``; a saved layout).

:class:`Schedule` answers which tasks can run now and whether the book is done, given what was
laid out. A part laid out for good with numbers that later change (a part before its anchors
came out longer for good than measured) is laid out again. That ends: after a part's second
layout for good, its page count only ever grows (a shorter layout is padded with blank pages to
the count the others were numbered with), and every count is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PLACEHOLDER = "00"  # printed where a number is not known yet (measured layouts only): two digits' width


@dataclass
class Schedule:
    """The parts in book order, the anchors whose numbers each prints, and the part that holds each anchor."""

    names: list[str]
    quotes: dict[str, frozenset[str]]
    home: dict[str, str]  # anchor -> the part it is in
    counts: dict[str, int] = field(default_factory=dict)  # each part's page count, as the book is numbered
    anchors: dict[str, dict[str, int]] = field(default_factory=dict)  # part -> anchor -> page within it
    final: dict[str, tuple[tuple[str, int | str], ...]] = field(default_factory=dict)  # part -> numbers it printed
    finals: dict[str, int] = field(default_factory=dict)  # times each part was laid out for good
    forecasts: set[str] = field(default_factory=set)  # parts measured with guessed numbers (``guesses``)
    forecasting: bool = False  # whether to forecast (most parts are being laid out, none kept)
    foreseen: dict[str, int] = field(default_factory=dict)  # a forecast part's page count
    foreseen_anchors: dict[str, dict[str, int]] = field(default_factory=dict)  # and where its anchors landed in it

    def numbers(self, name: str) -> tuple[tuple[str, int | str], ...] | None:
        """The page numbers part ``name`` prints, if all are known now."""
        found: list[tuple[str, int | str]] = []
        for anchor in sorted(self.quotes.get(name, ())):
            if anchor not in self.home:
                found.append((anchor, ""))  # in no part: nothing to print
                continue
            number = self.page_of(anchor)
            if number is None:
                return None
            found.append((anchor, number))
        return tuple(found)

    def page_of(self, anchor: str) -> int | None:
        """Where ``anchor`` lands in the book, if known: the pages of every part before its own, and its page there."""
        part = self.home.get(anchor)
        # a section's own anchor opens its part: on its first page, before the part is laid out
        page = self.anchors[part].get(anchor) if part in self.anchors else 1 if anchor == part else None
        if part is None or page is None:
            return None
        before = self.names[: self.names.index(part)]
        if any(p not in self.counts for p in before):
            return None
        return sum(self.counts[p] for p in before) + page

    def placeholders(self, name: str) -> tuple[tuple[str, int | str], ...]:
        """The numbers a part is measured with: the known ones, and placeholders for the others."""
        return tuple(
            (a, "" if a not in self.home else n if (n := self.page_of(a)) is not None else PLACEHOLDER)
            for a in sorted(self.quotes[name])
        )

    def wanted(self) -> list[tuple[str, tuple[tuple[str, int | str], ...], bool]]:
        """What to lay out now: (part, the numbers it prints, for good or only measured)."""
        todo = []
        for name in self.names:
            numbers = self.numbers(name)
            if numbers is not None:
                if self.final.get(name) != numbers:
                    todo.append((name, numbers, True))
            elif name not in self.counts and self.waits_on_itself(name):
                todo.append((name, self.placeholders(name), False))
            elif self.forecasting and name not in self.counts and self.nearly_known(name) and self.guessable(name):
                self.forecasts.add(name)
                todo.append((name, self.guesses(name), False))
        return todo

    def nearly_known(self, name: str) -> bool:
        """Whether ``name`` is not forecast yet and every part before it but one has a page count (the
        last parts are being laid out)."""
        before = self.names[: self.names.index(name)]
        return name not in self.forecasts and sum(p not in self.counts for p in before) <= 1

    def guessable(self, name: str) -> bool:
        """Whether no part before ``name`` is still out being forecast: its forecast says where its anchors
        land, which makes the guesses for ``name`` (the index naming pages of the last chapter) its
        numbers for good as a rule."""
        before = self.names[: self.names.index(name)]
        return not any(p in self.forecasts and p not in self.foreseen for p in before)

    def guesses(self, name: str) -> tuple[tuple[str, int | str], ...]:
        """The numbers a part is forecast with: where each anchor would land if a part not laid out yet
        were as long as the parts laid out are on average, an anchor of such a part where its forecast
        put it (else on the part's first page). The measure is for the book's length; its layout for
        good reuses it only where the numbers came out as guessed (``weasy.renumber`` shows the layout
        is then the one the right numbers get), so a guess never reaches the book."""
        mean = round(sum(self.counts.values()) / len(self.counts)) if self.counts else 0
        found: list[tuple[str, int | str]] = []
        for anchor in sorted(self.quotes[name]):
            part = self.home.get(anchor)
            if part is None:
                found.append((anchor, ""))
                continue
            before = self.names[: self.names.index(part)]
            page = self.anchors.get(part, self.foreseen_anchors.get(part, {})).get(anchor, 1)
            found.append((anchor, sum(self.counts.get(p, mean) for p in before) + page))
        return tuple(found)

    def waits_on_itself(self, name: str) -> bool:
        """Whether a number part ``name`` prints depends on its own page count (an anchor in it or after it).

        Only such a part is measured first: any cycle of parts waiting on each other's counts holds
        one (the numbers a part waits on need the counts of every part before the anchor)."""
        at = self.names.index(name)
        return any(self.names.index(self.home[a]) >= at for a in self.quotes.get(name, ()) if a in self.home)

    def laid(self, name: str, pages: int, anchors: dict[str, int], numbers: tuple, final: bool) -> int:
        """Record a layout of part ``name``; returns the page count to number the book with (the part
        is padded with blank pages to it when its layout came out shorter)."""
        if not final and name in self.forecasts:
            self.foreseen[name] = pages  # a forecast: no number in the book comes from it
            self.foreseen_anchors[name] = anchors
            return pages
        if final:
            self.finals[name] = self.finals.get(name, 0) + 1
            self.final[name] = numbers
            if self.finals[name] >= 2:
                pages = max(pages, self.counts.get(name, 0))  # from now on only growing: see the docstring
        elif name in self.counts:
            return self.counts[name]  # a measured layout never overrides one made for good
        self.counts[name] = pages
        self.anchors[name] = anchors
        return pages

    def lengths(self) -> dict[str, int] | None:
        """Each part's page count as the book stands, a forecast's where its part has none yet; None
        while some part has neither."""
        found = {name: self.counts.get(name, self.foreseen.get(name)) for name in self.names}
        return None if None in found.values() else {name: n for name, n in found.items() if n is not None}

    @property
    def done(self) -> bool:
        """Every part laid out for good with the numbers the book now has."""
        return all(self.final.get(n) is not None and self.final[n] == self.numbers(n) for n in self.names)
