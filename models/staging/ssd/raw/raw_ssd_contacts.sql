-- Raw ssd_contacts as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_contacts') }}
