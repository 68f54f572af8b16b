-- Every LA of the run side by side: one row per KPI, month and LA with the LA's headline figure
-- (marts.scorecard's headline), its rank and quartile band among the LAs with a value that
-- month, the region's figure, the median of the LAs' figures and the LA's difference to the
-- region (docs/regional.md).
--   Rank: 1 is best in the KPI's direction, on the unrounded value; equal values share a rank
--     (1, 1, 3); an LA without a value is not ranked.
--   Quartile band: 1 (best quarter) to 4, 1 + floor(4 x (rank - 1) / LAs ranked); null when
--     fewer than 4 LAs are ranked, where a quarter of the LAs is not a band.
--   Region: the LAs' headline numerators summed over their denominators summed, scaled like the
--     unit (x100 for percent, x10,000 for rates); for a count, the sum. Never a mean of the
--     LAs' percentages. An LA whose denominator is unknown (a rate without population) adds
--     nothing to either sum.
with scorecard as (

    select
        la_code,
        kpi_id,
        month_end,
        direction,
        headline_period_type,
        headline_unit,
        headline_numerator,
        headline_denominator,
        headline_value,
        history_complete
    from {{ ref('scorecard') }}

),

ranked as (

    select
        scorecard.*,
        case when headline_value is not null then
            rank() over (
                partition by kpi_id, month_end, headline_value is null
                order by case when direction = 'low_is_good' then headline_value
                              else -headline_value end
            )
        end as rank_in_region,
        count(headline_value) over (partition by kpi_id, month_end) as las_with_value,
        count(*) over (partition by kpi_id, month_end) as las_reporting
    from scorecard

),

region as (

    select
        kpi_id,
        month_end,
        max(headline_unit) as headline_unit,
        sum(case when headline_unit = 'count' or headline_denominator is not null
                 then headline_numerator end) as region_numerator,
        sum(case when headline_unit <> 'count' then headline_denominator end)
            as region_denominator,
        {{ median_of('headline_value') }} as region_median
    from scorecard
    group by kpi_id, month_end

),

region_valued as (

    select
        region.*,
        case
            when region.headline_unit = 'count' then cast(region.region_numerator as double)
            when region.region_denominator is null or region.region_denominator = 0 then null
            when region.headline_unit = 'percent'
                then cast(100 as double) * region.region_numerator / region.region_denominator
            when region.headline_unit = 'rate_per_10k'
                then cast(10000 as double) * region.region_numerator / region.region_denominator
        end as region_value
    from region

)

select
    cast(ranked.kpi_id as string) as kpi_id,
    cast(ranked.month_end as date) as month_end,
    cast(ranked.la_code as string) as la_code,
    cast(ranked.direction as string) as direction,
    cast(ranked.headline_period_type as string) as headline_period_type,
    cast(ranked.headline_unit as string) as headline_unit,
    cast(ranked.headline_numerator as bigint) as headline_numerator,
    cast(ranked.headline_denominator as bigint) as headline_denominator,
    cast(ranked.headline_value as double) as headline_value,
    cast(ranked.rank_in_region as integer) as rank_in_region,
    cast(ranked.las_with_value as integer) as las_with_value,
    cast(ranked.las_reporting as integer) as las_reporting,
    cast(case
        when ranked.rank_in_region is not null and ranked.las_with_value >= 4
            then 1 + floor(4.0 * (ranked.rank_in_region - 1) / ranked.las_with_value)
    end as integer) as quartile,
    cast(region_valued.region_numerator as bigint) as region_numerator,
    cast(region_valued.region_denominator as bigint) as region_denominator,
    cast(region_valued.region_value as double) as region_value,
    cast(region_valued.region_median as double) as region_median,
    cast(ranked.headline_value - region_valued.region_value as double) as difference_to_region,
    cast(ranked.history_complete as boolean) as history_complete
from ranked
inner join region_valued
    on region_valued.kpi_id = ranked.kpi_id
    and region_valued.month_end = ranked.month_end
