"""Rendering shared by the outputs: the Jinja environment and WeasyPrint (typeset), charts as geometry, QR codes."""
