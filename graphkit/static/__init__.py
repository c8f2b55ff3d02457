"""Files shipped with graphkit for its offline HTML pages.

``vis-network.min.js`` is the standalone UMD build of vis-network 10.1.5 (npm
package ``vis-network``, dual licensed Apache-2.0 or MIT; both license texts
sit beside it), with its source-map comment removed. It carries its own CSS,
so pages that inline it need nothing from the network.
"""

__all__: list[str] = []
