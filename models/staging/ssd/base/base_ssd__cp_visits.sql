-- source ssd.ssd_cp_visits parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_cp_visits') }}
