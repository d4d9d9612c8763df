"""Text in a language: inline markup, the tool's own words, dates, collation, bidi, glyph coverage and font metrics."""
