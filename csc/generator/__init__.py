"""Synthetic SSD extracts: `csc generate`.

Two jobs, one command:

* A regional extract for tests and load checks: one folder per LA (named by a 3-digit code),
  the twelve SSD tables as the extract format (docs/extract-format.md) describes them, with
  national shapes (contacts per referral, conversion, assessment timeliness, re-referrals, CP
  plan lengths, care episodes, placement moves, visit cadence, health checks) and every
  spelling variation the format allows, so generated extracts exercise the parser.
  Vectorised with numpy and written per LA, so memory stays bounded by one LA and an
  England-scale extract takes minutes. `--dirty N` plants N bad rows of each quarantine rule
  per LA, so tests can check exactly those are quarantined.

      csc generate --las 33 --children-per-la 60000 --from 2010-04 --to 2020-03 --seed 7 --out DIR

* The demo extract shipped as dbt seeds: fictional LA 999, April 2016 to December 2019, built
  event by event so that the warehouse reproduces the December 2019 report (docs/kpis.md,
  "The demo: December 2019"). Rebuild it with:

      csc generate --demo --out seeds/demo

The same arguments always give byte-identical files.
"""

from csc.generator.cli import build_parser, main

__all__ = ["build_parser", "main"]
