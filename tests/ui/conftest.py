from __future__ import annotations

from pathlib import Path

import pytest

from loket.ui.local_config import LocalConfig


@pytest.fixture
def config(tmp_path: Path) -> LocalConfig:
    return LocalConfig(tmp_path / "desk.ini")
