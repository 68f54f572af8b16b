-- cp_plans (docs/kpis.md, `cp_plans`): distinct children with a CP plan open at month end
-- (other-LA plans excluded), as a snapshot rate per 10,000 children aged 0-17. The count is the
-- row's numerator.
{{ snapshot_rate_periods('cp_plans', ref('int_cp_plans__open_monthly')) }}
