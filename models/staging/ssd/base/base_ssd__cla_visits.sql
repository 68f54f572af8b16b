-- source ssd.ssd_cla_visits parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_cla_visits') }}
