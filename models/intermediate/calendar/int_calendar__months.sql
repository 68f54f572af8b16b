-- Every calendar month 1990-2040 with its financial year (1 April to 31 March).
with spine as (

    {{ dbt.date_spine('month', "cast('1990-01-01' as date)", "cast('2041-01-01' as date)") }}

),

months as (

    select
        cast(date_month as date) as month_start,
        {{ month_end_of('cast(date_month as date)') }} as month_end,
        {{ financial_year_start('cast(date_month as date)') }} as financial_year_start
    from spine

),

labelled as (

    select
        month_start,
        month_end,
        financial_year_start,
        -- e.g. 2019-20
        cast({{ year_of('financial_year_start') }} as {{ dbt.type_string() }})
            || '-'
            || {{ dbt.right('cast(' ~ year_of('financial_year_start') ~ ' + 1 as ' ~ dbt.type_string() ~ ')', '2') }}
            as financial_year
    from months

)

select * from labelled
