"""One page per task in the main window; ``registry`` says which role sees which."""
