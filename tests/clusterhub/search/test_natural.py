"""Needs typed as companies type them, against the demo federation and the real engine, through
the search service as the page runs it: each test names the query and the listing it must find."""
from clusterhub.search import service
from clusterhub.search.params import SearchParams


def search(app, q, strict=False, **selections):
    with app.app_context():
        return service.run(SearchParams(q=q, size=10, selections=selections, strict=strict), facets=())


def titles(result):
    return [h.document["title"]["ko"] for h in result.hits]


def test_a_place_without_the_service_widens_to_the_whole_federation(demo_app):
    # Gwangju offers no genome analysis; the whole-genome sequencing services of other clusters
    # answer, and the reading says the Gwangju filter was dropped, not applied.
    result = search(demo_app, "유전체분석 서비스 광주")
    assert result.total > 0
    assert any("전장 유전체" in t for t in titles(result))
    assert [(s.word, s.field, s.value) for s in result.understood.widened] == [("광주", "cluster", "gwangju")]
    assert "gwangju" not in result.understood.params.selections.get("cluster", ())
    assert result.understood.params.selections.get("kind") == ("service",)   # the kind word still holds


def test_a_place_that_has_it_is_kept(demo_app):
    result = search(demo_app, "광주 MRI")
    assert result.total and {h.document["cluster"] for h in result.hits} == {"gwangju"}
    assert result.understood.widened == []


def test_broad_words_are_left_out_before_the_service_asked_for(demo_app):
    # 신약 and 후보물질 name no concept and match many listings: they go first, and the toxicity
    # evaluations (독성 평가, a thesaurus concept) fill the page, not everything about candidates.
    result = search(demo_app, "신약 후보물질 독성 평가")
    assert {"신약", "후보물질"} <= set(result.dropped) and "독성 평가" not in result.dropped
    assert all("독성" in t for t in titles(result))


def test_a_rare_word_naming_no_concept_keeps_its_place(demo_app):
    # CRISPR matches two listings only: it is required, the broader 마우스 is left out.
    result = search(demo_app, "CRISPR 마우스")
    assert "CRISPR" not in result.dropped
    assert any("CRISPR" in t for t in titles(result)[:2])


def test_a_mouse_tumour_model_finds_the_tumour_models_that_never_say_mouse(demo_app):
    # The catalogue's xenograft and syngeneic tumour models are mouse models titled without
    # 마우스: the thesaurus names them, so the mouse is not what the search keeps.
    for q in ("마우스 종양 모델 효능평가", "mouse xenograft"):
        top = titles(search(demo_app, q))[:2]
        assert top and all("종양" in t for t in top), (q, top)


def test_a_hinted_kind_that_fills_the_page_only_by_leaving_words_out_is_dropped(demo_app):
    # 분석 hints at services, but no service is a GC-MS analysis: the GC-MS instruments answer,
    # rather than every analysis service without GC-MS.
    result = search(demo_app, "GC-MS 분석")
    assert "GC-MS" not in result.dropped and "kind" not in result.understood.params.selections
    assert all("기체크로마토그래프 질량분석기" in t for t in titles(result)[:3])


def test_ways_of_asking_leave_q(demo_app):
    result = search(demo_app, "NHP 독성시험 할 수 있는 곳")
    assert result.understood.params.q == "NHP 독성시험"
    assert all("마모셋" in t for t in titles(result)[:3])


def test_a_wider_area_searches_its_regions(demo_app):
    result = search(demo_app, "수도권 질량분석기")
    assert set(result.understood.params.selections["region"]) == {"seoul", "gyeonggi", "incheon"}
    assert result.hits and {h.document["region"] for h in result.hits} <= {"seoul", "gyeonggi", "incheon"}
    assert all("질량분석기" in t for t in titles(result))


def test_a_place_kept_by_leaving_words_out_counts_all_the_words_elsewhere(demo_app):
    # K-MEDIhub (대구) holds two GLP primate toxicity studies, fewer than a page, so words were
    # left out to fill it in Daegu; three more listings of other clusters hold every word. The
    # count is reported, the page stays as it was (the chip, the words left out, the hits).
    for q, place, words in (("대구 GLP 영장류 독성", "kmedihub", "GLP 영장류 독성"),
                            ("Osong primate toxicity", "kbiohealth", "primate toxicity")):
        result = search(demo_app, q)
        assert result.dropped and result.understood.params.selections["cluster"] == (place,)
        everywhere = search(demo_app, words, strict=True).total
        there = search(demo_app, words, strict=True, cluster=(place,)).total
        assert result.understood.elsewhere == everywhere - there > 0, q
        assert {h.document["cluster"] for h in result.hits} == {place}


def test_all_words_elsewhere_is_only_counted_for_a_relaxed_place(demo_app):
    for q in ("대구 세포배양기", "GLP 영장류 독성", "호남 유세포분석기 분석"):
        assert search(demo_app, q).understood.elsewhere == 0, q


def test_needs_named_in_other_words_than_the_catalogue_writes(demo_app):
    # Typed before running them (2026-12-04); each once found the wrong listings or nothing.
    cosmetic = titles(search(demo_app, "화장품 효능 평가"))         # efficacy, not irritation
    assert cosmetic and all(t.startswith("기능성 평가") for t in cosmetic), cosmetic
    in_vitro = titles(search(demo_app, "시험관 내 약효 평가"))      # in vitro, in Korean
    assert in_vitro[:5] and all(t.startswith("세포 기반") for t in in_vitro[:5]), in_vitro
    clean = search(demo_app, "클린룸 대여")                          # no listing says 클린룸
    assert clean.total and all("무균" in t for t in titles(clean)), titles(clean)
    imaging = titles(search(demo_app, "AI 의료영상 데이터"))          # the image-reading AI services
    assert imaging[:5] == ["AI 의료기기 성능 검증: 영상 판독 AI"] * 5, imaging
    biologics = titles(search(demo_app, "바이오 의약품 위탁 생산 업체"))  # antibodies, cells, vaccines
    assert biologics and all("위탁 생산" in t or "생산" in t for t in biologics), biologics
    animals = titles(search(demo_app, "동물 실험실 있는 곳"))          # not lab-instrument tests
    assert animals and not any("실험실 기기" in t for t in animals) and "실험동물" in animals[0], animals
