"""PDF ink and fonts shared by the form rendition and the typeset pages."""
