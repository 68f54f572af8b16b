-- source ssd.ssd_contacts parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_contacts') }}
