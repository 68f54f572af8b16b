-- Raw ssd_cp_plans as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_cp_plans') }}
