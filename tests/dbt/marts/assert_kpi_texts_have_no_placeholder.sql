-- Every {placeholder} in the catalogue's texts is one that macros/wording.sql fills: a name or
-- label still holding a brace would print as "{typo}" in the report.
select kpi_id, kpi_name, numerator_label, denominator_label
from {{ ref('kpis') }}
where {{ dbt.position("'{'", 'kpi_name') }} > 0
   or {{ dbt.position("'{'", 'numerator_label') }} > 0
   or {{ dbt.position("'{'", 'denominator_label') }} > 0
