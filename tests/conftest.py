from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def gazetteer():
    from newsmap.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from newsmap.pipeline import Pipeline

    pipe = Pipeline()
    pipe.__dict__["gazetteer"] = gazetteer
    return pipe


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEEDS, "seeds/ holds no article"
    return SEEDS[0]
