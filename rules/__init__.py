"""The decision module: pure functions of (profile, as_of) -> Decision, one module per remedy."""

import os

# No pydantic plugin sees a validation in this process: a plugin receives every value validated (here,
# criminal records) and may send it anywhere. Looking for plugins also read every installed package's
# metadata, ~25 ms of each command. An explicit PYDANTIC_DISABLE_PLUGINS setting is left as it is.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
