"""The plan: which documents a person needs and what goes in each, before anything is drawn.

`formset` picks the petitions and orders for each case; `formmap/` maps the profile and decision to
each form's logical items; `placement` keeps every value inside its box or moves it to an attachment;
`declarations` writes the sworn statements; `service` says whom to serve. `backend` is the contract a
form backend (assembler/render/forms/) fulfils, so the plan measures text without drawing it.
"""
