"""The Qt widgets. They call services and show results; they never open a session."""
