"""Ledger files as offices produce them, for the ledger reader's tests."""

import datetime as dt

import xlsxwriter

U1 = "91350200776049653A"  # valid credit codes (RESEARCH.md)
U2 = "53100000500019795A"
DIGITS = "913502007760496530"  # all-digit, 18 characters

STREETS = [["编号", "街道名称", "指导站"], ["S1", "林山寨街道", "林山寨指导站"], ["S2", "建设路街道", None]]


def write_csv(path, rows, encoding="utf-8"):
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_book(path, sheets):
    """sheets: name -> dict(rows=[...], title=None|str, header_row=0). Strings are written as text."""
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, spec in sheets.items():
        ws = wb.add_worksheet(name)
        rows = spec["rows"]
        start = 0
        if spec.get("title"):
            ws.merge_range(0, 0, 0, max(len(rows[0]) - 1, 1), spec["title"])
            start = spec.get("start", 2)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(start + i, j, v)
                elif isinstance(v, dt.date):
                    ws.write_datetime(start + i, j, dt.datetime(v.year, v.month, v.day), date_fmt)
                else:
                    ws.write_number(start + i, j, v)
    wb.close()
    return path
