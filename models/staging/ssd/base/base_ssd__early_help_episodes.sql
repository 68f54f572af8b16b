-- source ssd.ssd_early_help_episodes parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_early_help_episodes') }}
