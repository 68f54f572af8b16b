-- assessments_45wd (docs/kpis.md, `assessments_45wd`): of the single assessments authorised
-- in the period (once per child and authorisation date, on time if any of them was), the
-- percentage completed within var assessment_working_days (45) working days of clock start.
with assessment_days as (

    select
        la_code,
        person_id,
        assessment_auth_date,
        max({{ as_int('working_days <= ' ~ var('assessment_working_days')) }}) as is_on_time
    from {{ ref('int_assessments__working_days') }}
    group by la_code, person_id, assessment_auth_date

),

periods as (

    {{ event_measure_periods('assessment_days', 'assessment_auth_date', 'is_on_time') }}

)

select 'assessments_45wd' as kpi_id, periods.*, 'percent' as unit
from periods
