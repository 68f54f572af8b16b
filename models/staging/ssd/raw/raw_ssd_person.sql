-- Raw ssd_person as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_person') }}
