-- Raw ssd_early_help_episodes as read: seed or extract file, every value still text.
{{ ssd_raw('ssd_early_help_episodes') }}
