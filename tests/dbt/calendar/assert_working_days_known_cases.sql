-- Working days on the real calendar against cases counted by hand on a printed calendar:
-- same day = 0, Friday to Monday = 1, across Easter 2019, Christmas 2019 and the 8 May 2020
-- bank holiday, and 45 / 46 working-day assessments spanning each. Returns the cases that differ.
with cases as (

    select * from (values
        ('same day',                       cast('2019-03-01' as date), cast('2019-03-01' as date), 0),
        ('Friday to Monday',               cast('2019-03-01' as date), cast('2019-03-04' as date), 1),
        ('over Easter 2019',               cast('2019-04-18' as date), cast('2019-04-23' as date), 1),
        ('over Christmas 2019',            cast('2019-12-24' as date), cast('2019-12-27' as date), 1),
        ('over 8 May 2020',                cast('2020-05-07' as date), cast('2020-05-11' as date), 1),
        ('45 across Easter 2019',          cast('2019-04-01' as date), cast('2019-06-07' as date), 45),
        ('46 across Easter 2019',          cast('2019-04-01' as date), cast('2019-06-10' as date), 46),
        ('45 across Christmas 2019',       cast('2019-11-01' as date), cast('2020-01-08' as date), 45),
        ('46 across Christmas 2019',       cast('2019-11-01' as date), cast('2020-01-09' as date), 46),
        ('45 across Easter and 8 May 2020', cast('2020-03-13' as date), cast('2020-05-20' as date), 45),
        ('46 across Easter and 8 May 2020', cast('2020-03-13' as date), cast('2020-05-21' as date), 46),
        ('start on a Saturday',            cast('2019-03-02' as date), cast('2019-03-04' as date), 1)
    ) as t(case_name, start_date, end_date, expected_working_days)

),

computed as (

    select
        cases.*,
        {{ working_days_between('starts.working_day_index', 'ends.working_day_index') }} as working_days
    from cases
    inner join {{ ref('int_calendar__dates') }} as starts on starts.calendar_date = cases.start_date
    inner join {{ ref('int_calendar__dates') }} as ends on ends.calendar_date = cases.end_date

)

select * from computed
where working_days <> expected_working_days
union all
-- a case missing from the calendar must fail too
select cases.*, null from cases
where (select count(*) from computed) <> (select count(*) from cases)
