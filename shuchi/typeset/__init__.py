"""Stage 3, typesetting (組版): content → HTML.

* :mod:`.letter` turns notices and circulars into the :class:`~.letter.Letter` view model templates lay out;
* :mod:`.markdown`, :mod:`.wholewords`, :mod:`.wareki` and :mod:`.qr` are the Japanese text filters;
* :mod:`.environment` is the Jinja environment, :mod:`.sandbox` the one for organisations' own templates;
* :mod:`.pages` renders the letters, leaflets and the merge's parts.
"""
