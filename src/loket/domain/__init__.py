"""Pure rules and value objects: no Qt, no database."""
