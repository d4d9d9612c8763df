"""The HTML-to-PDF fence: templates and fonts are read from the templates folder, and nothing else."""

from __future__ import annotations

import shutil

import jinja2

from pamphleteer.infra.locations import shipped_dir
from pamphleteer.render import compiled, typeset


def test_a_font_missing_from_a_house_style_names_the_file_to_copy(small, run, tmp_path, monkeypatch):
    """Not "a damaged installation? reinstall pamphleteer": the house style lacks it, and ours has it."""
    templates = tmp_path / "templates"
    shutil.copytree(_templates(), templates)
    (templates / "fonts" / "PTS55F.ttf").unlink()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    out = tmp_path / "out"
    code, stdout, err = run("pamphlet", "--content", small, "--output", out)
    assert (code, stdout) == (2, "")
    assert err == (
        f"pamphleteer: {templates / 'fonts' / 'PTS55F.ttf'}: file missing from the house style "
        f"(PAMPHLETEER_TEMPLATES); copy {shipped_dir() / 'fonts' / 'PTS55F.ttf'} there\n"
    )
    assert not (out / "pamphlet.pdf").exists()


def test_a_catalogue_missing_from_a_house_style_names_the_file_to_copy(small, run, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(_templates(), templates)
    (templates / "locales" / "en.yaml").unlink()
    monkeypatch.setenv("PAMPHLETEER_TEMPLATES", str(templates))
    code, _, err = run("check", "--content", small)
    assert (code, err) == (
        2,
        f"pamphleteer: {templates / 'locales' / 'en.yaml'}: catalogue missing from the house style "
        f"(PAMPHLETEER_TEMPLATES); copy {shipped_dir() / 'locales' / 'en.yaml'} there\n",
    )


def _templates():
    from pamphleteer.infra.locations import templates_dir

    return templates_dir()


def test_a_right_to_left_language_adds_each_folders_mirrored_stylesheet_last():
    from pamphleteer.render import typeset

    assert typeset.stylesheets(["handout/handout.css", "handout/letter.css"], "en-GB") == [
        "handout/handout.css",
        "handout/letter.css",
    ]
    assert typeset.stylesheets(["handout/handout.css", "handout/letter.css"], "ar") == [
        "handout/handout.css",
        "handout/letter.css",
        "handout/rtl.css",
    ]
    assert typeset.stylesheets(["pamphlet/pamphlet.css"], "he-IL") == ["pamphlet/pamphlet.css", "pamphlet/rtl.css"]


def test_templates_set_dir_only_for_a_right_to_left_language():
    from pamphleteer.render import typeset

    template = '<html lang="x"{% if direction == "rtl" %} dir="rtl"{% endif %}>'
    assert typeset.environment("ar").from_string(template).render() == '<html lang="x" dir="rtl">'
    assert typeset.environment("en-GB").from_string(template).render() == '<html lang="x">'


def test_a_template_compiled_before_a_filter_took_the_context_is_compiled_again(tmp_path):
    """Jinja compiles a filter's call with the context only if the filter takes it then: a template compiled
    by an earlier build (kept in the cache folder) is compiled again when a filter comes to take it, rather
    than calling it without (an internal error in every build after such an upgrade)."""
    loader = jinja2.DictLoader({"page": "{{ 'x' | mark }}"})
    before = jinja2.Environment(loader=loader, bytecode_cache=compiled.Compiled(tmp_path))
    before.filters["mark"] = lambda value: value + "!"
    assert before.get_template("page").render() == "x!"
    after = jinja2.Environment(loader=loader, bytecode_cache=compiled.Compiled(tmp_path))
    after.filters["mark"] = jinja2.pass_context(lambda context, value: value + context["end"])
    assert after.get_template("page").render(end="?") == "x?"


def test_a_stylesheet_that_fetches_nothing_is_parsed_once_for_every_publication(tmp_path):
    """A watch's fork server parses the templates' stylesheets for no publication; a layout of any
    publication forked from it finds them parsed, as long as each file stays as it was."""
    typeset.parse_stylesheets()
    path = shipped_dir() / "pamphlet" / "pamphlet.css"
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    parsed = typeset._sheet(path, typeset.GuardedFetcher([tmp_path / "one"]))
    assert typeset._sheet(path, typeset.GuardedFetcher([tmp_path / "two"])) is parsed
    own = tmp_path / "own.css"
    own.write_text("p { color: red }")
    first = typeset._sheet(own, typeset.GuardedFetcher(()))
    own.write_text("p { color: blue; }")  # another size: the stamp differs, whatever the clock says
    assert typeset._sheet(own, typeset.GuardedFetcher([tmp_path / "one"])) is not first
    assert _colour_of_a_paragraph(typeset._sheet(own, typeset.GuardedFetcher(()))) == (0, 0, 1, 1)


def test_a_stylesheet_that_imports_is_parsed_for_the_folders_it_could_read(tmp_path):
    """An ``@import`` is fetched through the publication's folders: the same file parsed for another
    publication imports another sheet, or none."""
    sheet = tmp_path / "sheet.css"
    sheet.write_text('@import url("content:extra.css");\n')
    colours = {"one": "red", "two": "blue"}
    for folder, colour in colours.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "extra.css").write_text(f"p {{ color: {colour} }}")
    one = typeset._sheet(sheet, typeset.GuardedFetcher([tmp_path / "one"]))
    two = typeset._sheet(sheet, typeset.GuardedFetcher([tmp_path / "two"]))
    assert _colour_of_a_paragraph(one) == (1, 0, 0, 1)
    assert _colour_of_a_paragraph(two) == (0, 0, 1, 1)
    assert typeset._sheet(sheet, typeset.GuardedFetcher([tmp_path / "one"])) is one


def _colour_of_a_paragraph(sheet: object) -> tuple[float, ...]:
    import weasyprint

    document = weasyprint.HTML(string="<p>x</p>").render(stylesheets=[sheet])
    box = document.pages[0]._page_box
    while box.element_tag != "p":
        box = box.children[0]
    return tuple(box.style["color"])
