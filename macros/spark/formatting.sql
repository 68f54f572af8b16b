{#- Spark implementations of macros/formatting.sql.

    format_decimal: Spark's format_string rounds half up on the number's shortest decimal
    spelling (12.25 -> '12.3', 0.15 -> '0.2'), where DuckDB's printf rounds the double's exact
    binary value, half to even on an exact tie (12.25 -> '12.2', 0.15 -> '0.1'). The sentences
    must read the same on both engines, so the rounding is done here on the exact product
    number * 10^decimals: Dekker's two-product gives the product as p + err exactly (doubles are
    IEEE on the JVM), whose distance from p's floor + 0.5 decides the rounding. The number is
    then printed from the rounded integer. Only the scorecard's few sentences use it. -#}
{% macro spark__format_decimal(number, decimals) -%}
{%- set d = decimals | int -%}
{%- set scale = 10 ** d -%}
{%- set split = 134217729.0 -%}
{#- Veltkamp split of the constant 10^decimals, in Python doubles (the same IEEE arithmetic) -#}
{%- set sc = scale * split -%}
{%- set ch = sc - (sc - scale) -%}
{%- set cl = scale - ch -%}
{#- the lambdas bind each intermediate value once: x the number, then its parts -#}
element_at(transform(array(cast({{ number }} as double)), csc_x ->
    case
        when csc_x is null then null
        when isnan(csc_x) or abs(csc_x) >= 1e15 then format_string('%.{{ d }}f', csc_x)
        else element_at(transform(array(abs(csc_x)), csc_ax ->
            element_at(transform(array(named_struct(
                    'hi', (csc_ax * {{ split }}D) - ((csc_ax * {{ split }}D) - csc_ax),
                    'p', csc_ax * {{ scale }}D)), csc_s ->
                element_at(transform(array(named_struct(
                        'f', floor(csc_s.p),
                        'e', ((csc_s.hi * {{ ch }}D - csc_s.p) + csc_s.hi * {{ cl }}D + (csc_ax - csc_s.hi) * {{ ch }}D)
                             + (csc_ax - csc_s.hi) * {{ cl }}D)), csc_t ->
                    element_at(transform(array(
                        case
                            when ((csc_s.p - csc_t.f) - 0.5D) + csc_t.e > 0 then csc_t.f + 1
                            when ((csc_s.p - csc_t.f) - 0.5D) + csc_t.e < 0 then csc_t.f
                            when csc_t.f % 2 = 1 then csc_t.f + 1
                            else csc_t.f
                        end), csc_n ->
                        concat(
                            case when csc_x < 0 then '-' else '' end,
                            cast(div(csc_n, {{ scale }}) as string)
                            {%- if d > 0 %},
                            '.', lpad(cast(csc_n % {{ scale }} as string), {{ d }}, '0')
                            {%- endif %})
                    ), 1)
                ), 1)
            ), 1)
        ), 1)
    end
), 1)
{%- endmacro %}

{#- Spark's date_format takes Java patterns: MMMM is the full month name (English locale). -#}
{% macro spark__month_name(date_expr) -%}
date_format({{ date_expr }}, 'MMMM')
{%- endmacro %}
