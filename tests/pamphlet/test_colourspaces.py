"""A PDF's colour spaces read as a press reads them: RGB in its forms, Lab, indexed palettes, and the resources a page draws with."""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

from pamphleteer.pamphlet import colourspaces


def test_rgb_is_named_in_every_form_a_pdf_writes_it():
    pdf = pikepdf.new()
    icc3 = pdf.make_stream(b"", N=3)
    icc4 = pdf.make_stream(b"", N=4)
    assert colourspaces.is_rgb(Name.DeviceRGB) and colourspaces.is_rgb(Name("/RGB"))
    assert colourspaces.is_rgb(Array([Name.ICCBased, icc3])) and not colourspaces.is_rgb(Array([Name.ICCBased, icc4]))
    assert colourspaces.is_rgb(Array([Name.CalRGB, Dictionary()])) and not colourspaces.is_rgb(Name.DeviceCMYK)
    assert colourspaces.is_lab(Array([Name.Lab, Dictionary()]))
    assert colourspaces.is_indexed_rgb(Array([Name.Indexed, Name.DeviceRGB, 1, pikepdf.String(b"\0" * 6)]))


def test_a_page_draws_with_the_resources_of_its_forms_once_each_and_rgb_left_names_them():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    inner = pdf.make_stream(b"0 0 1 rg 0 0 1 1 re f", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 1, 1])
    inner.Resources = Dictionary()
    form = pdf.make_stream(b"/F1 Do", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 1, 1])
    form.Resources = Dictionary(XObject=Dictionary(F1=inner))
    page = pdf.pages[0]
    page.Resources = Dictionary(XObject=Dictionary(F0=form, F2=form))
    assert len(list(colourspaces.all_resources(page.obj))) == 3  # the page's, the form's (once), the inner form's
    assert colourspaces.rgb_left(pdf) == ["page 1: operator rg"]
    assert colourspaces.space_kind(page.Resources, Name.DeviceRGB) == "rgb"
    assert colourspaces.space_kind(page.Resources, Name.DeviceGray) == "other"
