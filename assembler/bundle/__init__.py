"""The bundle: one person's packet — forms, cover, instructions and proof of service merged, with the
manifest — written atomically (`files`); `pipeline` runs profile → decide → plan → render → bundle."""
