-- contacts_to_referral (docs/kpis.md, `contacts_to_referral`): of the contacts dated in the
-- period, the percentage whose outcome has NEW_REFERRAL_FLAG yes. An event measure counted
-- once per child and contact date, progressed if any of that day's contacts progressed; a
-- missing key or empty outcome is "not progressed" and stays in the denominator.
with contacts as (

    select la_code, person_id, contact_date, is_new_referral
    from {{ ref('stg_ssd__contacts') }}

),

contact_days as (

    select
        la_code,
        person_id,
        contact_date,
        max({{ as_int('is_new_referral') }}) as is_progressed
    from contacts
    group by la_code, person_id, contact_date

),

periods as (

    {{ event_measure_periods('contact_days', 'contact_date', 'is_progressed') }}

)

select 'contacts_to_referral' as kpi_id, periods.*, 'percent' as unit
from periods
