-- Contacts (enquiries) to children's social care: one row per contact.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__contacts') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        cont_contact_id as contact_id,
        cont_person_id as person_id,
        -- dates
        cont_contact_date as contact_date,
        -- codes
        cont_contact_source_code as contact_source_code,
        -- outcome flags, read from the outcome JSON
        cont_contact_outcome__new_referral_flag as is_new_referral,
        cont_contact_outcome__existing_referral_flag as is_existing_referral,
        cont_contact_outcome__cp_enquiry_flag as is_cp_enquiry,
        cont_contact_outcome__nfa_flag as is_nfa

    from source

)

select * from renamed
