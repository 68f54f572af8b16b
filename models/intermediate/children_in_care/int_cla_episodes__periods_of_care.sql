-- CLA episodes with the start of the period of care each belongs to (docs/kpis.md, Precise
-- readings): clae_entered_care_date when present, otherwise the start of the chain of episodes
-- linked by X1 endings ("the period of care goes on in a new episode"). A child's episodes are
-- ordered by start date; an episode begins a new period unless the one before it ended with X1.
with episodes as (

    select
        la_code,
        cla_episode_id,
        person_id,
        episode_start_date,
        episode_ceased_date,
        ceased_reason,
        entered_care_date
    from {{ ref('stg_ssd__cla_episodes') }}

),

ordered as (

    select
        episodes.*,
        lag(ceased_reason) over (
            partition by la_code, person_id
            order by episode_start_date, cla_episode_id
        ) as previous_ceased_reason
    from episodes

),

chained as (

    select
        ordered.*,
        sum(case when previous_ceased_reason = 'X1' then 0 else 1 end) over (
            partition by la_code, person_id
            order by episode_start_date, cla_episode_id
            rows between unbounded preceding and current row
        ) as period_number
    from ordered

),

with_chain_start as (

    select
        chained.*,
        min(episode_start_date) over (
            partition by la_code, person_id, period_number
        ) as chain_start_date
    from chained

)

select
    la_code,
    cla_episode_id,
    person_id,
    episode_start_date,
    episode_ceased_date,
    ceased_reason,
    period_number,
    coalesce(entered_care_date, chain_start_date) as period_of_care_start_date
from with_chain_start
