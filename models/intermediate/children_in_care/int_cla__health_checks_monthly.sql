-- Children looked after continuously for 12 months at each month end, with whether each had a
-- completed dental check and a completed health assessment in their window (docs/kpis.md,
-- `cla_dental_checks` and `cla_health_assessments`, and Precise readings).
--   Cohort: looked after at month end, current period of care began on or before
--     month_end - var cla_health_min_months_in_care (12) months.
--   Checks: type mapped by the health_check_types seed (trimmed, lower-cased, spaces
--     collapsed), status COMPLETED; dated in the 12 months ending month end (dates >
--     month_end - 12 months), or for a health assessment of a child under 5 at month end (fewer
--     than 5 completed years: date of birth + 5 years, clamped like every date shift, is after
--     month end; a child born on 29 February completes 5 years on 28 February) var
--     health_assessment_under5_window_months (6) months. Unknown date of birth: the 12-month
--     window.
with cohort as (

    select
        la_code,
        person_id,
        month_end,
        {{ add_months('month_end', -12) }} as twelve_month_bound,
        case
            when date_of_birth is not null and {{ add_months('date_of_birth', 60) }} > month_end
                then {{ add_months('month_end', -var('health_assessment_under5_window_months')) }}
            else {{ add_months('month_end', -12) }}
        end as health_assessment_bound
    from {{ ref('int_cla__looked_after_monthly') }}
    where period_of_care_start_date <= {{ add_months('month_end', -var('cla_health_min_months_in_care')) }}

),

completed_checks as (

    select checks.la_code, checks.person_id, checks.health_check_date, types.check_type
    from {{ ref('stg_ssd__cla_health') }} as checks
    inner join {{ ref('health_check_types') }} as types
        on types.health_check_type_key = checks.health_check_type_key
    where checks.health_check_status = 'COMPLETED'
      and types.check_type in ('dental_check', 'health_assessment')

)

select
    cohort.la_code,
    cohort.person_id,
    cohort.month_end,
    max({{ as_int("completed_checks.check_type = 'dental_check' and completed_checks.health_check_date > cohort.twelve_month_bound") }}) as has_dental_check,
    max({{ as_int("completed_checks.check_type = 'health_assessment' and completed_checks.health_check_date > cohort.health_assessment_bound") }}) as has_health_assessment
from cohort
left join completed_checks
    on completed_checks.la_code = cohort.la_code
    and completed_checks.person_id = cohort.person_id
    and completed_checks.health_check_date > cohort.twelve_month_bound
    and completed_checks.health_check_date <= cohort.month_end
group by cohort.la_code, cohort.person_id, cohort.month_end
