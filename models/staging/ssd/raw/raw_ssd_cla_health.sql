-- Raw ssd_cla_health as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_cla_health') }}
