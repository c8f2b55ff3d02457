"""Street-level structure: demonstration sites and guidance stations (DESIGN §5).

- ``STREET_WITHOUT_DEMO``: a street in which no party organisation has a
  ``demo_level`` (``district`` or ``street``). An organisation's street is its
  own ``IN_STREET``, else its base carrier's, else its first covered unit's
  (:func:`graphkit.analysis.party_org_street_ids`).
- ``STREET_WITHOUT_STATION``: a street no guidance station ``SERVES``.

Examples
--------
>>> import graphkit.datasets
>>> street_findings(graphkit.datasets.tiny())[["code", "subject_id", "street"]].values.tolist()
[['STREET_WITHOUT_DEMO', 'S2', '建设路街道'], ['STREET_WITHOUT_STATION', 'S2', '建设路街道']]

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.coverage import party_org_street_ids
from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import isin
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = ["street_findings"]


def street_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``STREET_WITHOUT_DEMO`` and ``STREET_WITHOUT_STATION`` findings, one per street.

    The subject is the street; its ``street`` column is the street's own name.
    """
    settings = settings or Settings()
    lang = settings.lang
    streets = pd.DataFrame({"name": net.streets["name"]}, index=net.streets.index)
    streets["street"] = net.street_names(streets.index.to_series())
    demo = net.party_orgs["demo_level"].isin(["district", "street"])
    with_demo = party_org_street_ids(net)[demo]
    served = net.pairs("SERVES", "GuidanceStation", "Street")["target"]
    no_demo = streets[~isin(streets.index, with_demo.dropna())]
    no_station = streets[~isin(streets.index, served)]
    return concat_findings(
        [
            subject_findings("STREET_WITHOUT_DEMO", "Street", no_demo, detail("STREET_WITHOUT_DEMO", lang)),
            subject_findings(
                "STREET_WITHOUT_STATION", "Street", no_station, detail("STREET_WITHOUT_STATION", lang)
            ),
        ]
    )
