-- Child protection visits: one row per visit.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cp_visits') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        cppv_cp_visit_id as cp_visit_id,
        cppv_person_id as person_id,
        cppv_cp_plan_id as cp_plan_id,
        -- dates
        cppv_cp_visit_date as visit_date,
        -- flags
        cppv_cp_visit_seen as is_child_seen,
        cppv_cp_visit_seen_alone as is_child_seen_alone

    from source

)

select * from renamed
