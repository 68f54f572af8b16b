-- Raw ssd_legal_status as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_legal_status') }}
