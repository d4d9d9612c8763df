"""The screen editions: one plan of documents and anchors (documents), written as an EPUB (ebook) and a site."""
