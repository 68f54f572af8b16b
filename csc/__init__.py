"""The open children's social care performance warehouse: the few parts that are not SQL."""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root, where dbt_project.yml and profiles.yml live.
PROJECT_DIR = Path(__file__).resolve().parent.parent
