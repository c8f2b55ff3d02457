"""The Cypher twins of the analyses, one ``.cypher`` file per analysis or finding code.

Each file starts with a ``// <name>`` line (its name as a Browser favourite) and
takes the analysis settings as parameters (``$own_branch_min_members``,
``$as_of``, ...). :mod:`graphkit.neo4j.twins` runs them;
:mod:`graphkit.neo4j.browser_queries` packs them as Browser favourites.

``coverage.cypher`` and ``instructors.cypher`` return the columns of the
in-memory frames (with the id first). A finding query (``<code>.cypher``)
returns one row per finding with ``subject_kind, subject_id, subject_name,
street, detail_key`` (a key of :data:`graphkit.i18n.DETAILS`)
followed by the fields its detail template names (``members``, ``limit``, ...);
the data-quality queries return ``problem`` (credit codes) and ``missing``
(five clears) instead.
"""

__all__: list[str] = []
