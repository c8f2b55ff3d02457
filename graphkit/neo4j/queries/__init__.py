"""The Cypher twins of the analyses, one ``.cypher`` file per analysis or finding code.

Each file starts with a ``// <name>`` line (its name as a Browser favourite) and
takes the analysis settings as parameters (``$own_branch_min_members``,
``$as_of``, ...). :mod:`graphkit.neo4j.twins` runs them;
:mod:`graphkit.neo4j.browser_queries` packs them as Browser favourites.
"""

__all__: list[str] = []
