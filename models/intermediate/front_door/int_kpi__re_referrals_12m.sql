-- re_referrals_12m (docs/kpis.md, `re_referrals_12m`): of the referrals dated in the period
-- (once per child and referral date), the percentage where the same child had another referral
-- dated on or after referral_date - 12 months and strictly before referral_date. The previous
-- referral is a lag over the child's de-duplicated referral dates, so it may fall before the
-- first reported month (the extract holds 12 months of history by construction).
with referral_days as (

    select distinct la_code, person_id, referral_date
    from {{ ref('stg_ssd__cin_episodes') }}

),

with_previous as (

    select
        la_code,
        person_id,
        referral_date,
        lag(referral_date) over (
            partition by la_code, person_id
            order by referral_date
        ) as previous_referral_date
    from referral_days

),

flagged as (

    select
        la_code,
        referral_date,
        {{ as_int("previous_referral_date >= " ~ add_months('referral_date', -12)) }} as is_re_referral
    from with_previous

),

periods as (

    {{ event_measure_periods('flagged', 'referral_date', 'is_re_referral') }}

)

select 're_referrals_12m' as kpi_id, periods.*, 'percent' as unit
from periods
