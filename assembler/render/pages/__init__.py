"""The pages the project writes itself: the cover, the filing instructions and the proof of service,
set by `typeset` from `paragraphs` (and `textpdf` for Markdown-like text)."""
