"""Reading vCard files (2.1, 3.0 and 4.0) into contact records, as real programs write them.

:func:`.reading.read_vcards` turns the bytes of a ``.vcf`` file into one
:class:`~knoten.people.records.ContactRecord` per card, and a
:class:`~knoten.people.records.RecordError` for each card it cannot read (the others
are still read). It copes with what phones, Apple Contacts, Google and Outlook write:

- the file in UTF-8 (with or without BOM), UTF-16 with BOM, or windows-1252 as a whole
  (Outlook); a line that is not UTF-8 is read as windows-1252, whatever else the file is;
- folded lines (a line break and one space or tab), vCard 2.1's QUOTED-PRINTABLE values
  with soft line breaks (``=`` at the end of a line) in the ``CHARSET`` they name, and
  2.1's base64 blocks that run until a blank line;
- Outlook's unnamed type parameters (``TEL;WORK;VOICE:``), 3.0's ``TYPE=work,pref``
  and 4.0's ``TYPE="voice,cell";PREF=1``;
- Apple's grouped properties (``item1.EMAIL`` with ``item1.X-ABLabel:_$!<Mobile>!$_``
  or a label of the user's own), ``X-ABRELATEDNAMES``, ``X-ABADR``, ``X-ABDATE`` and
  ``X-APPLE-OMIT-YEAR`` (a birthday without year);
- dates as ``1965-08-12``, ``19650812``, ``--0729``, ``--07-29`` or ``1965-08-12T00:00:00Z``.

Every property the record has no field for is kept in ``record.extra`` by its name in
the file; only VERSION, PRODID and REV are left out. Nothing here touches the database.

The content lines are read here, not with ``vobject``: vobject stops at (or, told to go
on, silently drops) the continuation of a QUOTED-PRINTABLE soft line break, files the
2.1 unnamed parameters apart from TYPE, knows no charset but the file's, and is slow.
On 10,000 generated cards with these quirks (measured on a shared machine, best of 3),
``list(vobject.readComponents(text))`` took 7.5 s and this reader, all mapping
included, 1.1 s: about seven times as fast.

The modules, from the bytes to the records:

- :mod:`.decoding`: the file's lines as text, and quoted-printable values;
- :mod:`.cards`: the lines into cards (unfolded, soft line breaks joined);
- :mod:`.properties`: one content line into a property (group, name, parameters);
- :mod:`.values`: a property's value (escapes, components, dates);
- :mod:`.labels`: the label a property's TYPE or Apple's X-ABLabel gives, and the kind
  of a web address;
- :mod:`.card`: one card's properties into a record;
- :mod:`.reading`: :func:`.reading.read_vcards`, a file into records.
"""
