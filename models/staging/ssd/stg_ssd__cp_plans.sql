-- Child protection plans: one row per plan.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cp_plans') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        cppl_cp_plan_id as cp_plan_id,
        cppl_person_id as person_id,
        cppl_referral_id as referral_id,
        -- dates
        cppl_cp_plan_start_date as plan_start_date,
        cppl_cp_plan_end_date as plan_end_date,
        -- codes
        cppl_cp_plan_initial_category as initial_category,
        cppl_cp_plan_latest_category as latest_category,
        -- flags
        -- null or unparseable means this LA's own plan (docs/kpis.md, Precise readings)
        coalesce(cppl_cp_plan_ola, false) as is_other_la_plan

    from source

)

select * from renamed
