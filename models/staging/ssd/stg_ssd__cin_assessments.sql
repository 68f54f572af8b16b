-- Single assessments: one row per assessment.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cin_assessments') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        cina_assessment_id as assessment_id,
        cina_person_id as person_id,
        cina_referral_id as referral_id,
        -- dates
        cina_assessment_start_date as assessment_start_date,
        cina_assessment_auth_date as assessment_auth_date,
        -- flags
        cina_assessment_child_seen as is_child_seen,
        cina_assessment_outcome_nfa as is_outcome_nfa

    from source

)

select * from renamed
