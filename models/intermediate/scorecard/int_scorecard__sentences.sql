-- The sentence the report prints for each KPI and month, worded as the council's December 2019
-- report words it (docs/kpis.md, "The demo: December 2019"). Percentages show 1 decimal, the
-- EHA rate none and the CP and CLA rates 1, as that report does (the CLA rate and repeat CP
-- plans are not in that report; their sentences are worded the same way).
--   assessments_45wd: the gap to target is ceil(target% x denominator) - numerator (docs/kpis.md).
--   eha_initiated and cp_plans: the month's count against the LA's target count, when set.
--   Words that quote a local choice (the visit windows, the placement threshold, the months in
--   care, the repeat-plan look-back) come from the same vars as the numbers (macros/wording.sql).
{%- set words = kpi_wording() %}
with figures as (

    select * from {{ ref('int_scorecard__figures') }}

),

parts as (

    select
        figures.*,
        {{ month_name('month_end') }} as month_label,
        {{ format_decimal('month_value', 1) }} || '%' as month_percent,
        cast(round(month_numerator - target_count) as bigint) as count_vs_target,
        case
            when kpi_id = 'assessments_45wd' and target_value is not null and month_denominator > 0
                then cast(ceil(target_value * month_denominator / 100.0) as bigint) - month_numerator
        end as assessments_short_of_target
    from figures

)

select
    la_code,
    kpi_id,
    month_end,
    case
        -- a month in which nobody was measured says so rather than quoting a ratio of nothing
        when month_unit = 'percent' and coalesce(month_denominator, 0) = 0 then
            'There were no '
            || case kpi_id
                when 'contacts_to_referral' then 'enquiries'
                when 're_referrals_12m' then 'referrals'
                when 'assessments_45wd' then 'Single Assessments completed'
                when 'cp_plans_2y_ended' then 'Child Protection plans ending'
                when 'cp_plans_second_time' then 'children becoming the subject of a Child Protection Plan'
                when 'cp_visits_on_time' then 'children due a Child Protection visit'
                when 'cla_placement_stability' then 'children in care'
                when 'cla_visits_on_time' then 'children in care due a visit'
                else 'children in care for more than {{ words.cla_health_min_months }}'
            end
            || ' in ' || month_label || ', so there is no ratio for the month.'
        else case kpi_id
        when 'eha_initiated' then
            'During the month of ' || month_label || ', an Early Help Assessment was started for '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' children.'
            || case
                when count_vs_target is null then ''
                when count_vs_target = 0 then ' This is the same as the monthly target.'
                else ' This is ' || cast(abs(count_vs_target) as {{ dbt.type_string() }})
                    || case when count_vs_target > 0 then ' more' else ' less' end
                    || ' than the monthly target.'
            end
            || ' The number of Early Help Assessments initiated over a 12 month period is now '
            || cast(headline_numerator as {{ dbt.type_string() }})
            || coalesce('. This equates to a rate per 10,000 of ' || {{ format_decimal('headline_value', 0) }} || '.', '.')
        when 'contacts_to_referral' then
            'During the month of ' || month_label || ' Children''s Social Care received '
            || cast(month_denominator as {{ dbt.type_string() }}) || ' enquiries and started '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' new referrals. This is a ratio of '
            || month_percent || '.'
        when 're_referrals_12m' then
            'Out of ' || cast(month_denominator as {{ dbt.type_string() }})
            || ' children who had a referral starting in ' || month_label || ', '
            || cast(month_numerator as {{ dbt.type_string() }})
            || ' had had another referral with a start date in the previous 12 months. This is a ratio of '
            || month_percent || '.'
        when 'assessments_45wd' then
            'Out of ' || cast(month_denominator as {{ dbt.type_string() }})
            || ' Single Assessments completed in ' || month_label || ', '
            || cast(month_numerator as {{ dbt.type_string() }})
            || ' were completed within {{ words.assessment_working_days }} working days.'
            || case
                when assessments_short_of_target is null then ''
                when assessments_short_of_target > 0 then
                    ' This is ' || cast(assessments_short_of_target as {{ dbt.type_string() }})
                    || ' less than the ' || {{ format_decimal('target_value', 0) }} || '% target.'
                else ' This meets the ' || {{ format_decimal('target_value', 0) }} || '% target.'
            end
        when 'cp_plans' then
            'At the end of ' || month_label || ', there were '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' children on a Child Protection Plan.'
            || case
                when count_vs_target is null then ''
                when count_vs_target = 0 then ' This is the same as the target'
                else ' This is ' || cast(abs(count_vs_target) as {{ dbt.type_string() }})
                    || case when count_vs_target > 0 then ' above' else ' below' end || ' the target'
            end
            || coalesce(
                case when count_vs_target is null then ' This equates' else ', and equates' end
                || ' to a rate per 10,000 of ' || {{ format_decimal('headline_value', 1) }} || '.',
                case when count_vs_target is null then '' else '.' end)
        when 'cp_plans_2y_ended' then
            cast(month_numerator as {{ dbt.type_string() }}) || ' out of the '
            || cast(month_denominator as {{ dbt.type_string() }})
            || ' children with a Child Protection plan ending in ' || month_label
            || ' were on a Child Protection plan for a period of 2 years or more. This is a ratio of '
            || month_percent || '.'
        when 'cp_plans_second_time' then
            'Of the ' || cast(month_denominator as {{ dbt.type_string() }})
            || ' children who became the subject of a Child Protection Plan in ' || month_label || ', '
            || cast(month_numerator as {{ dbt.type_string() }})
            || ' had been the subject of a plan {{ words.cp_repeat_lookback }}. This is a ratio of '
            || month_percent || '.'
        when 'cp_visits_on_time' then
            'A Child Protection Statutory Visit was recorded for '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' children out of the '
            || cast(month_denominator as {{ dbt.type_string() }})
            || ' who were due such a visit during the last {{ words.cp_visit_window }} of ' || month_label
            || '. This is a ratio of ' || month_percent || '.'
        when 'cla_rate' then
            'At the end of ' || month_label || ', there were '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' children looked after.'
            || coalesce(' This equates to a rate per 10,000 of ' || {{ format_decimal('headline_value', 1) }} || '.', '')
        when 'cla_placement_stability' then
            'Of the ' || cast(month_denominator as {{ dbt.type_string() }})
            || ' children in care at the end of ' || month_label || ', '
            || cast(month_numerator as {{ dbt.type_string() }})
            || ' had had {{ words.placement_stability_threshold }} or more placements in the previous 12 months. This is a ratio of '
            || month_percent || '.'
        when 'cla_visits_on_time' then
            'A Child in Care Statutory Visit was recorded for '
            || cast(month_numerator as {{ dbt.type_string() }}) || ' children out of the '
            || cast(month_denominator as {{ dbt.type_string() }})
            || ' who were due such a visit during the {{ words.cla_visit_window }} or {{ words.cla_visit_permanence_window }} (if the child achieved permanency) leading up to the end of '
            || month_label || '. This is a ratio of ' || month_percent || '.'
        when 'cla_dental_checks' then
            cast(month_numerator as {{ dbt.type_string() }}) || ' out of the '
            || cast(month_denominator as {{ dbt.type_string() }})
            || ' children who had been in care for more than {{ words.cla_health_min_months }} at the end of ' || month_label
            || ' had their latest Dental Check completed on time. This is a ratio of ' || month_percent || '.'
        when 'cla_health_assessments' then
            cast(month_numerator as {{ dbt.type_string() }}) || ' out of the '
            || cast(month_denominator as {{ dbt.type_string() }})
            || ' children who had been in care for more than {{ words.cla_health_min_months }} at the end of ' || month_label
            || ' had their latest Health Assessment completed on time. This is a ratio of ' || month_percent || '.'
        end
    end as sentence
from parts
