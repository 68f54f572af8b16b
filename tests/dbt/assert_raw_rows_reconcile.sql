-- Nothing lost: for every SSD table and LA, rows read = rows staged + rows quarantined, from the
-- one reconciliation model (dq_table_reconciliation). Rows read are counted on the base model,
-- which holds every source row once (it reads the source with no filter or join, and its unit
-- tests expect every given row back), so this test does not read the extract files again.
select *
from {{ ref('dq_table_reconciliation') }}
where raw_rows <> staged_rows + quarantined_rows
