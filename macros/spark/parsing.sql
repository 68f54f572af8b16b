{#- Spark implementations of the value parsers in macros/parsing.sql. Three differences from
    DuckDB are met here:
    - rlike finds a match anywhere and `$` also matches before a final line break, so patterns
      are anchored with ^ and \z to mean what DuckDB's regexp_full_match means;
    - Spark reads backslash escapes in string literals, so a regex's backslash is written twice;
    - to_date with an explicit pattern and the Java 8 parser (profiles.yml sets
      spark.sql.legacy.timeParserPolicy CORRECTED) returns null for an impossible date such as
      2019-02-30 or 31/02/2019, as DuckDB's try_cast and try_strptime do; the lenient legacy
      parser would roll it over into March. -#}
{% macro spark__parse_date(text) -%}
case
    when {{ text }} rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?)?\\z'
        then to_date(substr({{ text }}, 1, 10), 'yyyy-MM-dd')
    when {{ text }} rlike '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?\\z'
        then to_date(split_part({{ text }}, ' ', 1), 'd/M/yyyy')
end
{%- endmacro %}

{#- Spark has no json_valid: json_object_keys is null for anything that is not a JSON object
    (an array, a scalar, broken JSON, the empty string). -#}
{% macro spark__is_json_object(text) -%}
coalesce(json_object_keys({{ text }}) is not null, false)
{%- endmacro %}

{#- get_json_object matches keys case-sensitively, as DuckDB's json_extract_string does, so the
    document is lower-cased here too. A JSON true or 1 comes back as the text 'true' or '1'. -#}
{% macro spark__json_key_text(text, key) -%}
case when json_object_keys({{ text }}) is not null then get_json_object(lower({{ text }}), '$.{{ key | lower }}') end
{%- endmacro %}

{#- Spark's regexp_replace replaces every match (no 'g' flag) and needs the doubled backslash. -#}
{% macro spark__normalise_text_key(column) -%}
regexp_replace(lower(trim({{ column }})), '\\s+', ' ')
{%- endmacro %}
