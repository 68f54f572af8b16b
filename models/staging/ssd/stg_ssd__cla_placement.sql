-- Placements of children in care: one row per placement.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cla_placement') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        clap_cla_placement_id as placement_id,
        clap_person_id as person_id,
        clap_cla_id as cla_id,
        -- dates
        clap_cla_placement_start_date as placement_start_date,
        clap_cla_placement_end_date as placement_end_date,
        -- codes
        clap_cla_placement_type as placement_type,
        clap_cla_placement_provider as placement_provider,
        clap_cla_placement_change_reason as change_reason

    from source

)

select * from renamed
