-- Raw ssd_cin_assessments as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_cin_assessments') }}
