"""Sync with the central server: the HTTP client, the background worker, bundles, the token."""
