"""Reading the CSV exports of Google Contacts, Outlook, LinkedIn and XING, and any CSV
with a column mapping, into :class:`~knoten.people.records.ContactRecord` objects.

The encoding is read from the bytes (UTF-8 with or without a BOM, UTF-16 with a BOM,
else windows-1252), the delimiter from the header line (comma, semicolon or tab), and
the format from the header row (:func:`.formats.detect_csv_format`). Each column is
given a role once, from its header (a *plan*); every row then only walks the columns it
has values in, so reading stays close to the csv module's own speed.

What a row says that has no place in a record (an unknown column, Outlook's
"User 1", Google's "Custom Field 1") goes into ``record.extra`` under the column's
name: kept, never dropped. Only Outlook's bookkeeping columns with their empty defaults
("Priority: Normal", "Private: False", "E-mail Type: SMTP") and what it derives from
the name ("E-mail Display Name", "Initials") are left out, and Google's "Address 1 -
Formatted" where the address has its parts.

The modules, from the bytes to the records:

- :mod:`.reading`: the text of the bytes, the delimiter, the header row, and the csv
  module's complaints in words;
- :mod:`.formats`: which export a file is, from its header row;
- :mod:`.roles`: what a column can mean (its *role*), and the steps of a plan;
- :mod:`.google`, :mod:`.outlook`, :mod:`.linkedin`, :mod:`.xing`: each export's columns;
- :mod:`.mapping`: a mapping of columns to fields, as the user writes it;
- :mod:`.columns`: a file's plan, from its format, its header row and a mapping;
- :mod:`.dates`, :mod:`.values`: what one cell says (a date; a label, a name, groups);
- :mod:`.rows`: :func:`.rows.read_csv`, each row into a record.
"""
