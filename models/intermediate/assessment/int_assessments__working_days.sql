-- Completed single assessments with the working days from clock start to authorisation.
-- Clock start is the assessment's start date, or with var assessment_clock_start =
-- 'referral_date' the linked referral's date (falling back to the assessment's own start when
-- the referral id is missing or not in the extract). Working days are a subtraction of two
-- indexes from the calendar (docs/kpis.md, "Periods and conventions").
{%- set clock = var('assessment_clock_start') %}
{%- if clock not in ('assessment_start_date', 'referral_date') %}
{{ exceptions.raise_compiler_error("var assessment_clock_start must be assessment_start_date or referral_date, not " ~ clock) }}
{%- endif %}

with assessments as (

    select la_code, assessment_id, person_id, referral_id, assessment_start_date, assessment_auth_date
    from {{ ref('stg_ssd__cin_assessments') }}
    -- an assessment with no authorisation date is still open and not counted
    where assessment_auth_date is not null

),

{% if clock == 'referral_date' -%}
referrals as (

    select la_code, referral_id, min(referral_date) as referral_date
    from {{ ref('stg_ssd__cin_episodes') }}
    group by la_code, referral_id

),

clocked as (

    select
        assessments.*,
        coalesce(referrals.referral_date, assessments.assessment_start_date) as clock_start_date
    from assessments
    left join referrals
        on referrals.la_code = assessments.la_code
        and referrals.referral_id = assessments.referral_id

),
{%- else -%}
clocked as (

    select assessments.*, assessments.assessment_start_date as clock_start_date
    from assessments

),
{%- endif %}

calendar as (

    select calendar_date, working_day_index from {{ ref('int_calendar__dates') }}

)

select
    clocked.la_code,
    clocked.assessment_id,
    clocked.person_id,
    clocked.clock_start_date,
    clocked.assessment_auth_date,
    {{ working_days_between('clock_start.working_day_index', 'authorised.working_day_index') }} as working_days
from clocked
inner join calendar as clock_start
    on clock_start.calendar_date = clocked.clock_start_date
inner join calendar as authorised
    on authorised.calendar_date = clocked.assessment_auth_date
