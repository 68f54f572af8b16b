"""The gate's configuration (expectations/gate.yml): thresholds are configuration, not code.

A file passed with --gate-config only needs the keys it changes; the rest keep the shipped
values, so a council can tighten one threshold without copying the whole contract.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from csc import PROJECT_DIR

EXPECTATIONS_DIR = PROJECT_DIR / "expectations"
DEFAULT_CONFIG = EXPECTATIONS_DIR / "gate.yml"
GX_PROJECT_DIR = EXPECTATIONS_DIR / "gx"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge override into a copy of base (mappings merge, everything else replaces)."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The shipped gate.yml, overlaid with path when given."""
    config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    if path is not None:
        override = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(override, dict):
            raise ValueError(f"{path}: expected a mapping at the top level")
        config = _merge(config, override)
    return config


def expectation_parameters(config: dict[str, Any]) -> dict[str, float]:
    """The suite parameters ($PARAMETER in the suites) taken from the configuration."""
    extract = config["extract"]
    return {
        "quarantine_share_max": float(extract["quarantine_share_max"]),
        "unknown_code_share_max": float(extract["unknown_code_share_max"]),
    }
