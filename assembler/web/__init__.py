"""The web interview (`relief serve`): server-rendered pages that build a Profile step by step.

Modules: `app` (factory), `security` (headers, size limit), `sessions` (in-memory store), `csrf`,
`i18n` (English and Spanish words), `fields` (form fields <-> profile data), `steps` (one module per
interview step), `offense_search`, `review` (problems and unknowns), `results` (the assessment in
plain words), `downloads` (packet, profile file, upload).
"""
