-- source ssd.ssd_person parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_person') }}
