"""CSV exports that a spreadsheet opens as data: no cell runs as a formula (CSV injection)."""

import csv

from django.utils.functional import Promise

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a spreadsheet should show it: text that starts a formula gets a leading `'`.

    Only text is touched: numbers are written by our code, not typed by a pupil, and a negative number
    must stay a number the teacher can add up.
    """
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer that passes every cell through safe_cell; every export writes its CSV with this."""

    def __init__(self, file, **fmtparams):
        self._writer = csv.writer(file, **fmtparams)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
