"""Loket: the service-counter application of a workers' social-security branch office."""

__version__ = "0.2.0"
