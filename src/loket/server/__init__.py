"""The central server (installed with the ``server`` extra): see ``loket.server.app``."""
