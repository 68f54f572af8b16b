-- Legal statuses of children in care: one row per status.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__legal_status') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        lega_legal_status_id as legal_status_id,
        lega_person_id as person_id,
        -- dates
        lega_legal_status_start_date as legal_status_start_date,
        lega_legal_status_end_date as legal_status_end_date,
        -- codes
        lega_legal_status as legal_status

    from source

)

select * from renamed
