-- Early help episodes: one row per episode.
-- Rows that break no contract rule; the others are in stg_ssd__quarantine.
with source as (

    select * from {{ ref('base_ssd__early_help_episodes') }}
    where quarantine_rule is null

),

renamed as (

    select
        la_code,
        -- ids
        earl_episode_id as episode_id,
        earl_person_id as person_id,
        -- dates
        earl_episode_start_date as episode_start_date,
        earl_episode_end_date as episode_end_date,
        -- reasons
        earl_episode_reason as episode_reason,
        earl_episode_end_reason as episode_end_reason

    from source

)

select * from renamed
