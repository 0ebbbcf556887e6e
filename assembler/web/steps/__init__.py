"""One module per interview step; each has a `router`."""
