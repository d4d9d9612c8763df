"""The lecture planned as slide specs: order, kinds of slide, text fitting; drawn by deck, handout and script."""

from .order import pages, parts, plan, pointer, recap
from .specs import Box, Boxes, EventSpec, PartSpec, SlideSpec, TableSpec, Text

__all__ = [
    "Box",
    "Boxes",
    "EventSpec",
    "PartSpec",
    "SlideSpec",
    "TableSpec",
    "Text",
    "pages",
    "parts",
    "plan",
    "pointer",
    "recap",
]
