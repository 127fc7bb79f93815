"""Linking other datasets to the plan graph: one matcher behind four tools.

* the W3C Reconciliation Service API 0.2 (:class:`Reconciler`; its FastAPI
  router is ``plangraph.web.reconcile.router``), so OpenRefine can
  reconcile a spreadsheet column against the graph;
* :func:`link_table` (``plangraph link``): a column of a CSV in batch, written
  as SSSOM, as ``skos:exactMatch``/``skos:closeMatch`` triples with VoID
  linksets in their own named graph, and a review table;
* :func:`import_observations` (``plangraph import-observations``): a
  yearbook-style table as W3C Data Cube observations of the plan's indicators
  and zones;
* :func:`resolve_indicators`: the build's matching of indicator names across
  reports, so a target of one year meets the outcome the next year's report gives.

Example::

    from plangraph.api import open_graph
    from plangraph.link import Matcher, read_targets

    with open_graph() as graph:
        matcher = Matcher(read_targets(graph.store))
    [(c.target.id, c.score, c.method, c.match) for c in matcher.match("崑山市")]
    # [('entity/kunshan', 98.0, 'normalised', True)]
"""

from ._indicators import IndicatorMatch, resolve_indicators
from ._links import LinkResult, decide, link_table, links_graph
from ._matcher import (
    AMBIGUITY_MARGIN,
    MATCH_SCORE,
    Candidate,
    LinkTarget,
    Matcher,
    PropertyCondition,
)
from ._normalise import core_keys, fold, pinyin_key
from ._observations import ImportResult, import_observations, observations_graph
from ._output import LinkDecision
from ._reconcile import Reconciler, ServiceUrls
from ._table import Table, TableRow, read_table
from ._targets import LINK_PROPERTIES, LinkProperty, LinkType, read_targets, read_types

__all__ = [
    "AMBIGUITY_MARGIN",
    "LINK_PROPERTIES",
    "MATCH_SCORE",
    "Candidate",
    "ImportResult",
    "IndicatorMatch",
    "LinkDecision",
    "LinkProperty",
    "LinkResult",
    "LinkTarget",
    "LinkType",
    "Matcher",
    "PropertyCondition",
    "Reconciler",
    "ServiceUrls",
    "Table",
    "TableRow",
    "core_keys",
    "decide",
    "fold",
    "import_observations",
    "link_table",
    "links_graph",
    "observations_graph",
    "pinyin_key",
    "read_table",
    "read_targets",
    "read_types",
    "resolve_indicators",
]
