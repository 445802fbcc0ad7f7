"""Importing partners from spreadsheets: read a CSV or XLSX file, map its columns to Accord's,
validate each row, match it against the registry, write the valid rows as one reversible batch.

reading.py (file -> header and rows), mapping.py (+ columns.csv: headers -> columns), rows.py
(row -> the arguments of organisation_create / contact_create, with errors per column),
plan.py and plan_contacts.py (what each row would do; a large file is matched at once by
accord.partners.matching.batch), writing.py and bulk.py (carrying the plan out), rollback.py,
service.py (the services the wizard and the command call), tasks.py and progress.py (preview
and import as background tasks, and how far they have got), selectors.py (reads, through the
acting user's scope), forms.py (the wizard's forms)."""
