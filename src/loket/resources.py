"""Where the data files of ``resources/`` are: inside the installed package, or the source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "resources"  # a wheel force-includes resources/ here
_SOURCE_TREE = Path(__file__).resolve().parents[2] / "resources"  # editable install, checkout


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/``, e.g. ``resource_path("provinces.csv")``."""
    base = _PACKAGED if _PACKAGED.is_dir() else _SOURCE_TREE
    return base.joinpath(*parts)
