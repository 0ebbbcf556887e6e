"""The decision module: pure functions of (profile, as_of) -> Decision, one module per remedy."""
