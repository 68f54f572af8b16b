-- ssd_contacts parsed and typed, every raw row with the first contract rule it breaks.
{{ ssd_base('ssd_contacts') }}
