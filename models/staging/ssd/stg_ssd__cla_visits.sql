-- Statutory visits to children in care: one row per visit.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cla_visits') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        clav_cla_visit_id as cla_visit_id,
        clav_person_id as person_id,
        clav_cla_id as cla_id,
        -- dates
        clav_cla_visit_date as visit_date,
        -- flags
        clav_cla_visit_seen as is_child_seen,
        clav_cla_visit_seen_alone as is_child_seen_alone

    from source

)

select * from renamed
