-- Children in care (SSDA903) episodes: one row per episode.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__cla_episodes') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        clae_cla_episode_id as cla_episode_id,
        clae_person_id as person_id,
        clae_cla_id as cla_id,
        clae_cla_placement_id as cla_placement_id,
        -- dates
        clae_cla_episode_start_date as episode_start_date,
        clae_cla_episode_ceased_date as episode_ceased_date,
        clae_entered_care_date as entered_care_date,
        -- codes
        clae_cla_episode_start_reason as start_reason,
        clae_cla_episode_ceased_reason as ceased_reason

    from source

)

select * from renamed
