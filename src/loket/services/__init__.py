"""Use cases: each call checks permission, validates, changes rows, audits, and commits once."""
