-- source ssd.ssd_cin_assessments parsed and typed, every row with the first contract rule it breaks.
{{ ssd_base('ssd_cin_assessments') }}
