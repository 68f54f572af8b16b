-- Health checks of children in care: one row per check.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cla_health') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        clah_health_check_id as health_check_id,
        clah_person_id as person_id,
        -- dates
        clah_health_check_date as health_check_date,
        -- type and status
        clah_health_check_type as health_check_type,
        clah_health_check_status as health_check_status,
        {{ normalise_text_key('clah_health_check_type') }} as health_check_type_key

    from source

)

select * from renamed
