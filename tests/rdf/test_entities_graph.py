"""Entities in the built graph: typed, labelled, mentioned where the text names them, and valid."""

from __future__ import annotations

from rdflib import URIRef

from plangraph.pipeline import validate

PG = "https://w3id.org/plangraph/ontology#"
ID = "https://w3id.org/plangraph/id/"
PREFIXES = f"PREFIX pg: <{PG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def rows(graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query)]


def test_the_built_graph_conforms_to_the_shapes(graph, paths) -> None:
    result = validate(graph, paths)
    assert result.conforms, result.violations[:10]
    assert result.triples > 10000


def test_mentions_point_at_their_quote(graph, source_text) -> None:
    mentions = rows(graph, "SELECT ?m ?q ?s ?e WHERE { ?m a pg:Mention ; pg:quote ?q ; pg:charStart ?s ; pg:charEnd ?e }")
    assert len(mentions) > 300
    for node, quote, start, end in mentions:
        assert source_text[int(start) : int(end)] == str(quote), node


def test_involvement_is_backed_by_a_mention_in_that_section(graph) -> None:
    unbacked = rows(
        graph,
        """SELECT ?section ?entity WHERE {
             ?section pg:involves ?entity .
             FILTER NOT EXISTS {
               ?mention pg:mentionOf ?entity ; pg:inSection ?where .
               ?where <http://purl.org/dc/terms/isPartOf>* ?section } }""",
    )
    assert unbacked == []
    inverse = rows(graph, "SELECT ?s ?e WHERE { ?s pg:involves ?e FILTER NOT EXISTS { ?e pg:involvedIn ?s } }")
    assert inverse == []


def test_rail_lines_and_tunnels_of_section_5(graph) -> None:
    """一（二）5 reads: 轨道交通2、4、7号线延伸线、通苏嘉甬高铁、北沿江高铁苏州段、…、东太湖隧道、苏州湾隧道等重大项目开工建设，
    轨道交通11号线（S1线）实现洞通轨通电通，独墅湖南隧道、金鸡湖隧道建成通车。"""
    statuses = {
        (str(label), str(text))
        for label, text in rows(
            graph,
            """SELECT ?label ?text WHERE {
                 ?e pg:projectStatus ?r ; rdfs:label ?label . FILTER(lang(?label) = "zh")
                 ?r pg:statusText ?text ; pg:statusYear "2022"^^<http://www.w3.org/2001/XMLSchema#gYear> }""",
        )
    }
    for expected in [
        ("轨道交通2号线延伸线", "开工建设"),
        ("轨道交通4号线延伸线", "开工建设"),
        ("轨道交通7号线延伸线", "开工建设"),
        ("东太湖隧道", "开工建设"),
        ("苏州湾隧道", "开工建设"),
        ("轨道交通11号线", "洞通轨通电通"),
        ("独墅湖南隧道", "建成通车"),
        ("金鸡湖隧道", "建成通车"),
    ]:
        assert expected in statuses
    s1 = rows(graph, 'SELECT ?alias WHERE { ?e rdfs:label "轨道交通11号线"@zh ; <http://www.w3.org/2004/02/skos/core#altLabel> ?alias }')
    assert ("S1线",) in {(str(a),) for (a,) in s1}


def test_taihu_new_town_is_involved_in_review_area_4_and_task_10(graph) -> None:
    sections = {
        str(s)
        for (s,) in rows(graph, f"SELECT ?s WHERE {{ <{ID}entity/taihu-new-town> pg:involvedIn ?s }}")
    }
    assert sections == {f"{ID}suzhou/2023/review-area/4", f"{ID}suzhou/2023/task/10"}


def test_administrative_areas_carry_gbt2260_codes(graph) -> None:
    codes = dict(rows(graph, "SELECT ?label ?code WHERE { ?a a pg:AdministrativeArea ; pg:adminCode ?code ; rdfs:label ?label FILTER(lang(?label)='zh') }"))
    as_text = {str(k): str(v) for k, v in codes.items()}
    assert as_text["苏州市"] == "320500"
    assert as_text["昆山市"] == "320583"
    assert as_text["吴江区"] == "320509"


def test_curated_links_are_marked(graph) -> None:
    curated = rows(
        graph,
        """SELECT ?s ?o WHERE { ?st a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> pg:locatedIn ;
             <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ; pg:curated true }""",
    )
    located = rows(graph, "SELECT ?s ?o WHERE { ?s pg:locatedIn ?o }")
    assert set(curated) == set(located)
    assert (URIRef(f"{ID}entity/jinji-lake-tunnel"), URIRef(f"{ID}entity/suzhou-industrial-park")) in set(located)
