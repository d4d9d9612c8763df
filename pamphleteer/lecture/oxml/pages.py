"""The deck's slides and notes pages made as python-pptx makes them, from copies: the same XML, faster.

python-pptx makes each new slide by cloning its layout's placeholders one by one, and each notes
page by walking the whole package for a free part name and cloning the notes master's
placeholders: for the shipped deck of 64 slides, half of drawing it. What it makes is the same
for every slide of a layout, and for every notes page before its text is set, so here the first
of each is python-pptx's own and the others are copies of it, in parts named and related as
python-pptx would name and relate them (the same part names, relationship ids and shape ids):
the deck's bytes are the same (``tests/lecture/test_oxml.py`` compares every part).

Part of the door to python-pptx's XML (this package): the private attributes it uses (a part's
``_element``, a slide list's ``_sldIdLst``, a shape tree's ``_spTree``) are checked there.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart
from pptx.slide import NotesSlide

_NOTES_PART = "/ppt/notesSlides/notesSlide%d.xml"


class Slides:
    """New slides of ``prs``, each as ``prs.slides.add_slide(layout)`` adds it."""

    def __init__(self, prs: object) -> None:
        self._prs = prs
        self._cloned: dict[object, list[etree._Element]] = {}  # a layout's part -> its placeholders as cloned

    def add(self, layout: object) -> object:
        """A new slide on ``layout``, after the others, with the layout's placeholders (all but the footer,
        date and slide number, which python-pptx leaves latent)."""
        prs = self._prs
        cloned = self._cloned.get(layout.part)
        if cloned is None:
            slide = prs.slides.add_slide(layout)  # python-pptx's own, once a layout
            self._cloned[layout.part] = [copy.deepcopy(e) for e in slide.shapes._spTree.iter_shape_elms()]
            return slide
        rid, slide = prs.part.add_slide(layout)
        tree = slide.shapes._spTree
        for element in cloned:
            tree.insert_element_before(copy.deepcopy(element), "p:extLst")  # where add_placeholder puts it
        prs.slides._sldIdLst.add_sldId(rid)
        return slide


class NotesPages:
    """Each slide's notes page, as python-pptx's ``slide.notes_slide`` makes it."""

    def __init__(self) -> None:
        self._blank: etree._Element | None = None
        self._taken: set[str] = set()  # the notes pages' part names so far

    def add(self, slide: object, text: str) -> None:
        """A notes page for ``slide`` (which has none yet) holding ``text``."""
        part = slide.part
        if self._blank is None:
            notes = slide.notes_slide  # python-pptx's own, once: the notes master's placeholders cloned
            self._blank = copy.deepcopy(notes._element)
            self._taken = {p.partname for p in part.package.iter_parts() if p.partname.startswith(_NOTES_PART[:-6])}
            notes.notes_text_frame.text = text
            return
        # python-pptx's choice of name (OpcPackage.next_partname): the highest free number up to one past the count
        name = next(_NOTES_PART % n for n in range(len(self._taken) + 1, 0, -1) if _NOTES_PART % n not in self._taken)
        self._taken.add(name)
        package = part.package
        notes_part = NotesSlidePart(PackURI(name), CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._blank))
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        NotesSlide(notes_part._element, notes_part).notes_text_frame.text = text


class Pages:
    """What drawing each slide of one deck shares: its new slides and notes pages, and each layout's
    placeholders, read once (drawing changes no layout)."""

    def __init__(self, prs: object) -> None:
        self.slides = Slides(prs)
        self.notes = NotesPages()
        self._placeholders: dict[object, list[tuple[int, object, object]]] = {}

    def placeholders(self, layout: object) -> list[tuple[int, object, object]]:
        """The layout's placeholders as (idx, type, placeholder), in its order."""
        found = self._placeholders.get(layout.part)
        if found is None:
            found = [(ph.placeholder_format.idx, ph.placeholder_format.type, ph) for ph in layout.placeholders]
            self._placeholders[layout.part] = found
        return found
