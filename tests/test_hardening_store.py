"""A damaged SQLite file and a read-only data folder: one clear line and a non-zero exit in the CLI, a
clear message in the dashboard, and export from a WAL-mode store the user may only read."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import tomllib
from contextlib import closing
from pathlib import Path

import pytest

from newsmap.store import Store
from tests.conftest import ROOT

ARTICLES = [
    "date 2024-02-11\nGOMA: Shelling killed four civilians in Goma on Saturday, local officials said.\n",
    "date 2024-02-12\nALEPPO: An air strike killed two people in Aleppo on Sunday, rescuers said.\n",
]
NEW_ARTICLE = "date 2024-02-13\nMOSUL: A car bomb wounded five people in Mosul on Monday, police said.\n"


def store_with_articles(folder: Path, pipeline) -> Path:
    path = folder / "newsmap.db"
    with Store(f"sqlite:///{path}") as store:
        for text in ARTICLES:
            store.add(pipeline.extract_text(text, source="desk"))
    return path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with garbage: the store opens, reading that table fails."""
    with closing(sqlite3.connect(path)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def newsmap(*args: str, database: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSMAP_DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "newsmap", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def damaged(tmp_path, pipeline) -> Path:
    path = store_with_articles(tmp_path, pipeline)
    damage_table(path, "merged_events")
    return path


@pytest.mark.parametrize("command", [["export"], ["export", "--format", "geojson"], ["reprocess"], ["ingest", "NEW"]])
def test_a_damaged_store_is_one_line_and_a_non_zero_exit(damaged, tmp_path, command):
    article = tmp_path / "new.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    args = [str(article) if part == "NEW" else part for part in command]
    result = newsmap(*args, database=damaged)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"newsmap: store sqlite:///{damaged}:") and "damaged" in lines[0]
    assert "Traceback" not in result.stderr and "SELECT" not in result.stderr


def test_the_dashboard_says_the_store_is_damaged(damaged, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NEWSMAP_DATABASE_URL", f"sqlite:///{damaged}")
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.error) == 1
    assert app.error[0].value.startswith("newsmap: store") and "damaged" in app.error[0].value


def test_visitors_get_no_error_details():
    from streamlit.config import ShowErrorDetailsConfigOptions

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value


def as_unprivileged() -> list[str]:
    """A command prefix under which file permissions apply: root ignores them, so as root the command
    runs in a user namespace (as the files' owner, without root's override)."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    assert unshare, "running as root: util-linux's unshare is needed to test read-only folders"
    return [unshare, "--user", "--map-user=1000", "--map-group=1000", "--"]


def test_export_works_on_a_read_only_folder_with_a_wal_store(pipeline):
    folder = Path(tempfile.mkdtemp(prefix="newsmap-readonly-"))
    try:
        path = store_with_articles(folder, pipeline)
        with closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert sorted(p.name for p in folder.iterdir()) == ["newsmap.db"]
        expected = newsmap("export", "--format", "csv", database=path)
        assert expected.returncode == 0, expected.stderr
        path.chmod(0o444)
        folder.chmod(0o555)
        prefix = as_unprivileged()
        probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True)
        assert probe.returncode != 0, "the folder is still writable: the test would prove nothing"

        result = newsmap("export", "--format", "csv", database=path, prefix=prefix)
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected.stdout and result.stdout.count("\n") >= 3
        assert sorted(p.name for p in folder.iterdir()) == ["newsmap.db"]

        article = folder.parent / f"{folder.name}-new.txt"
        article.write_text(NEW_ARTICLE, encoding="utf-8")
        try:
            written = newsmap("ingest", str(article), database=path, prefix=prefix)
        finally:
            article.unlink()
        assert written.returncode != 0
        assert len(written.stderr.strip().splitlines()) == 1 and "readonly" in written.stderr.replace("-", "")
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
