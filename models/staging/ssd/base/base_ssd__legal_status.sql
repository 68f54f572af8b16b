-- source ssd.ssd_legal_status parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_legal_status') }}
