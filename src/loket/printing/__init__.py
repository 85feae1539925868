"""Getting documents onto paper: the counter's printer through Qt (ESC/POS to come)."""
