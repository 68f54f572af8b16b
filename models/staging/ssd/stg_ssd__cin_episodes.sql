-- Referrals (children in need episodes): one row per referral.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cin_episodes') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        cine_referral_id as referral_id,
        cine_person_id as person_id,
        -- dates
        cine_referral_date as referral_date,
        cine_close_date as close_date,
        -- codes
        cine_referral_source_code as referral_source_code,
        cine_cin_primary_need_code as primary_need_code,
        cine_close_reason as close_reason,
        -- flags
        cine_referral_nfa as is_referral_nfa

    from source

)

select * from renamed
