"""Reads a workbook written by 'posfleet status --xlsx' with openpyxl and prints each row's values and fill as JSON."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book.active
rows = []
for row in sheet.iter_rows():
    rows.append({
        "values": [c.value.isoformat() if hasattr(c.value, "isoformat") else c.value for c in row],
        "fills": [c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None for c in row],
    })
print(json.dumps({"title": sheet.title, "rows": rows, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref}))
