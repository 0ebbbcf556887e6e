"""The intake's result: the case profile (`model`), how it is read (`load`), and the counties (`counties`).

`rules/` imports `assembler.profile.model` and nothing else of `assembler`.
"""
