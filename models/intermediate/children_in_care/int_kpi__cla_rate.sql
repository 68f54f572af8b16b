-- cla_rate (docs/kpis.md, `cla_rate`): children looked after at month end (an open CLA episode
-- and not on a V3/V4 short break, each child once: int_cla__looked_after_monthly), as a
-- snapshot rate per 10,000 children aged 0-17. The count is the row's numerator.
{{ snapshot_rate_periods('cla_rate', ref('int_cla__looked_after_monthly')) }}
