-- Children and young people: one row per person id.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__person') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        pers_person_id as person_id,
        -- attributes
        pers_sex as sex,
        -- dates
        pers_dob as date_of_birth,
        pers_expected_dob as expected_date_of_birth,
        pers_death_date as date_of_death

    from source

)

select * from renamed
