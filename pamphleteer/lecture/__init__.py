"""The lecture planned as slide specs: order, kinds of slide, text fitting; drawn by deck, handout and script."""

from .fitted import FittedLecture, fit, planned
from .order import HANDOUT_PAGES, pages, parts, plan, pointer, recap
from .specs import Box, Boxes, EventSpec, PartSpec, SlideSpec, TableSpec, Text

__all__ = [
    "HANDOUT_PAGES",
    "Box",
    "Boxes",
    "EventSpec",
    "FittedLecture",
    "PartSpec",
    "SlideSpec",
    "TableSpec",
    "Text",
    "fit",
    "pages",
    "parts",
    "plan",
    "planned",
    "pointer",
    "recap",
]
