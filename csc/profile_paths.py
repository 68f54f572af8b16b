"""A dbt-duckdb plugin (profiles.yml `plugins:`) that creates the folders the profile's paths need.

Why a plugin: DuckDB creates neither the folder of its database file nor more than the last
level of its temp_directory, and a plain `dbt build` (no csc in between) must work on a fresh
clone or with CSC_DUCKDB_PATH pointing at a new folder. dbt-duckdb calls the plugin just before
it opens the database, with the resolved path and config_options, whichever way dbt started.

Only parents are made: DuckDB creates the temp directory itself when it first spills and
removes it again when it closes, so no empty folder is left behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin


def local_file(path: str | None) -> Path | None:
    """The path as a local file, or None for ':memory:' and URLs such as md: or s3://."""
    if not path or path == ":memory:" or "://" in path:
        return None
    if path.split(":", 1)[0].lower() in {"md", "motherduck", "ducklake"}:
        return None
    return Path(path)


def ensure_parent_folders(db_path: str | None, temp_directory: str | None) -> None:
    """Make the database file's folder and the temp directory's parent folder."""
    db = local_file(db_path)
    if db is not None:
        db.parent.mkdir(parents=True, exist_ok=True)
    if temp_directory:
        Path(temp_directory).parent.mkdir(parents=True, exist_ok=True)


class Plugin(BasePlugin):
    """Called by dbt-duckdb with the connection config before duckdb.connect."""

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        ensure_parent_folders(creds.path, config.get("temp_directory"))
