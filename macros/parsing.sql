{#- Value parsers for the extract contract. Each takes trimmed text (null for empty) and returns
    the typed value or null when the text does not parse; the base models compare the two to
    tell "missing" from "invalid". Engine-specific, so each goes through adapter.dispatch. -#}

{#- A date in any accepted format, with the time of day dropped. The 1900-01-01 "no date"
    placeholder is returned as a date here; null_date_placeholder() turns it into null. -#}
{% macro parse_date(text) %}{{ return(adapter.dispatch('parse_date')(text)) }}{% endmacro %}

{% macro duckdb__parse_date(text) -%}
case
    when regexp_full_match({{ text }}, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?)?')
        then try_cast(substr({{ text }}, 1, 10) as date)
    when regexp_full_match({{ text }}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?')
        then cast(try_strptime(split_part({{ text }}, ' ', 1), '%d/%m/%Y') as date)
end
{%- endmacro %}


{#- Null for the 1900-01-01 placeholder, otherwise the parsed date. -#}
{% macro null_date_placeholder(parsed) -%}
nullif({{ parsed }}, cast('1900-01-01' as date))
{%- endmacro %}

{#- A flag as boolean: Y/N, Yes/No, 1/0, true/false in any case; anything else null. -#}
{% macro parse_flag(text) %}{{ return(adapter.dispatch('parse_flag')(text)) }}{% endmacro %}

{% macro default__parse_flag(text) -%}
case upper(trim({{ text }}))
    when 'Y' then true when 'YES' then true when '1' then true when 'TRUE' then true
    when 'N' then false when 'NO' then false when '0' then false when 'FALSE' then false
end
{%- endmacro %}

{#- Whether text is a well-formed JSON object (the SSD outcome is an object; a bare string, number
    or array is as malformed as broken JSON). -#}
{% macro is_json_object(text) %}{{ return(adapter.dispatch('is_json_object')(text)) }}{% endmacro %}

{% macro duckdb__is_json_object(text) -%}
coalesce(case when json_valid({{ text }}) then json_type({{ text }}) = 'OBJECT' end, false)
{%- endmacro %}

{#- A top-level key of a JSON object as text, matching the key in any case. Keys are matched by
    lower-casing the whole document, which is safe because the values read are flags. -#}
{% macro json_key_text(text, key) %}{{ return(adapter.dispatch('json_key_text')(text, key)) }}{% endmacro %}

{% macro duckdb__json_key_text(text, key) -%}
case when json_valid({{ text }}) then json_extract_string(lower({{ text }}), '$.{{ key | lower }}') end
{%- endmacro %}

{#- Several top-level keys of a JSON document read at once, for json_keys_item() to take apart:
    one read of the document per row instead of one per key. The default keeps the document and
    reads each key with json_key_text(); DuckDB parses it once into a list of the keys' texts. -#}
{% macro json_keys_text(text, keys) %}{{ return(adapter.dispatch('json_keys_text')(text, keys)) }}{% endmacro %}

{% macro default__json_keys_text(text, keys) -%}
{{ text }}
{%- endmacro %}

{% macro duckdb__json_keys_text(text, keys) -%}
case when json_valid({{ text }}) then json_extract_string(lower({{ text }}), [
    {%- for key in keys %}'$.{{ key | lower }}'{{ ', ' if not loop.last }}{% endfor -%}
]) end
{%- endmacro %}

{#- One key's text (json_key_text's value) out of what json_keys_text(text, keys) returned. -#}
{% macro json_keys_item(keys_text, keys, key) %}{{ return(adapter.dispatch('json_keys_item')(keys_text, keys, key)) }}{% endmacro %}

{% macro default__json_keys_item(keys_text, keys, key) -%}
{{ json_key_text(keys_text, key) }}
{%- endmacro %}

{% macro duckdb__json_keys_item(keys_text, keys, key) -%}
{{ keys_text }}[{{ keys.index(key) + 1 }}]
{%- endmacro %}

{#- Trimmed text, with the empty string as null. -#}
{% macro clean_text(column) -%}
nullif(trim({{ column }}), '')
{%- endmacro %}

{#- A free-text value as a lookup key: trimmed, lower-cased, runs of white space as one space. -#}
{% macro normalise_text_key(column) %}{{ return(adapter.dispatch('normalise_text_key')(column)) }}{% endmacro %}

{% macro default__normalise_text_key(column) -%}
regexp_replace(lower(trim({{ column }})), '\s+', ' ', 'g')
{%- endmacro %}
