//! Search behaviour on small documents that each carry one spelling only, so that a match
//! proves the normalization or the variant lookup that made it.

use marsad_index::{Index, IndexDoc, SearchRequest};
use marsad_model::Published;

fn date(s: &str) -> Published {
    s.parse().expect("test date")
}

struct Doc {
    id: i64,
    title: &'static str,
    text: &'static str,
    outlet: &'static str,
    published: &'static str,
}

const DOCS: &[Doc] = &[
    Doc {
        id: 1,
        title: "وفد رسمي في زيارة",
        text: "وصل الوفد إلى بيونج يانج صباح اليوم في زيارة تستمر يومين.",
        outlet: "الجزيرة",
        published: "2018-03-01",
    },
    Doc {
        id: 2,
        title: "زيارة مفاجئة",
        text: "زار الوفد بیونغ یانغ أمس والتقى مسؤولين.",
        outlet: "العربية",
        published: "2018-03-05",
    },
    Doc {
        id: 3,
        title: "توقيع في جنيف",
        text: "وقعت الأطراف والاتفاقية تدخل حيز التنفيذ الشهر المقبل.",
        outlet: "الجزيرة",
        published: "2018-04-10",
    },
    Doc {
        id: 4,
        title: "ترحيب حكومي",
        text: "رحبت الحكومة بالاتفاقية الجديدة مع الجيران.",
        outlet: "BBC Arabic",
        published: "2018-05-20",
    },
    Doc {
        id: 5,
        title: "الميزانية",
        text: "قال وزير المالية إن العجز سينخفض.",
        outlet: "العربية",
        published: "2018-06-01",
    },
    Doc {
        id: 6,
        title: "لقاء في واشنطن",
        text: "التقى ترامب نظيره الفرنسي في البيت الأبيض.",
        outlet: "الجزيرة",
        published: "2018-06-15",
    },
    Doc {
        id: 7,
        title: "موازنة العام",
        text: "الحكومة تعلن موازنة جديدة للعام المقبل",
        outlet: "العربية",
        published: "2018-07-01",
    },
    Doc {
        id: 8,
        title: "افتتاح",
        text: "أَعْلَنَتِ الْمَدْرَسَةُ عَنْ افْتِتَاحِ مَبْنًى جَدِيدٍ.",
        outlet: "العربية",
        published: "2018-07-02",
    },
    Doc {
        id: 9,
        title: "هاتف جديد",
        text: "أعلنت شركة Apple عن هاتف iPhone الجديد في كاليفورنيا.",
        outlet: "سكاي نيوز عربية",
        published: "2018-09-12",
    },
    Doc {
        id: 10,
        title: "تصريحات",
        text: "قال وزير الخارجية الروسي إن المحادثات مثمرة.",
        outlet: "روسيا اليوم",
        published: "2018-08-01",
    },
    Doc {
        id: 11,
        title: "بيان",
        text: "أعلنت الخارجية أن وزير الدفاع سيسافر غدا.",
        outlet: "روسيا اليوم",
        published: "2018-08-02",
    },
    Doc {
        id: 12,
        title: "مهرجان الزيتون",
        text: "افتتح المحافظ المعرض السنوي بحضور المزارعين.",
        outlet: "الجزيرة",
        published: "2018-10-01",
    },
    Doc {
        id: 13,
        title: "موسم الحصاد",
        text: "بدأ المزارعون قطف الزيتون في القرى الجبلية مع بداية الموسم.",
        outlet: "الجزيرة",
        published: "2018-10-02",
    },
    Doc {
        id: 14,
        title: "العاصمة الكورية",
        text: "تستعد بيونغيانغ لاستقبال الوفود.",
        outlet: "العربية",
        published: "2018-10-03",
    },
    Doc {
        id: 15,
        title: "عرض الكتب",
        text: "افتتح المحافظ في مصر معرض الكتاب السنوي.",
        outlet: "العربية",
        published: "2018-10-04",
    },
    Doc {
        id: 16,
        title: "زيارة ملكية",
        text: "استقبل الملك عبد الله الثاني الوفد.",
        outlet: "العربية",
        published: "2018-10-05",
    },
    Doc {
        id: 17,
        title: "معرض",
        text: "افتتح في أبوظبي معرض الدفاع.",
        outlet: "العربية",
        published: "2018-10-06",
    },
];

fn index() -> Index {
    let index = Index::create_in_ram().expect("index in memory");
    let mut writer = index.writer(50_000_000).expect("writer");
    for d in DOCS {
        writer
            .add(&IndexDoc {
                article_id: d.id,
                title: Some(d.title),
                subtitle: None,
                text: d.text,
                outlet: Some(d.outlet),
                published: Some(date(d.published)),
                url: Some("https://example.com/a"),
                source: Some("test"),
                story: (d.id <= 2).then_some(7),
            })
            .expect("add");
    }
    writer.commit().expect("commit");
    index
}

fn ids(index: &Index, request: &SearchRequest) -> Vec<i64> {
    let mut ids: Vec<i64> = index
        .search(request)
        .expect("search")
        .hits
        .iter()
        .map(|h| h.article_id)
        .collect();
    ids.sort_unstable();
    ids
}

fn find(index: &Index, query: &str) -> Vec<i64> {
    ids(index, &SearchRequest::new(query))
}

#[test]
fn transliterated_name_meets_its_other_spellings() {
    let index = index();
    // 1 writes only بيونج يانج, 2 only بیونغ یانغ (Persian letters), 14 only بيونغيانغ.
    assert_eq!(find(&index, "بيونغ يانغ"), [1, 2, 14]);
    assert_eq!(find(&index, "بيونغيانغ"), [1, 2, 14]);
    assert_eq!(find(&index, "\"بيونغ يانغ\""), [1, 2, 14]);
}

#[test]
fn names_in_one_word_or_two() {
    let index = index();
    assert_eq!(find(&index, "عبدالله"), [16]);
    assert_eq!(find(&index, "عبد الله"), [16]);
    assert_eq!(find(&index, "أبو ظبي"), [17]);
    assert_eq!(find(&index, "ابوظبي"), [17]);
}

#[test]
fn clitic_forms_are_found_from_the_bare_word() {
    let index = index();
    assert_eq!(find(&index, "الاتفاقية"), [3, 4]);
    assert_eq!(find(&index, "اتفاقية"), [3, 4]);
}

#[test]
fn waw_of_a_word_is_not_a_clitic() {
    let index = index();
    assert_eq!(find(&index, "زير"), Vec::<i64>::new());
    assert_eq!(find(&index, "وزير"), [5, 10, 11]);
}

#[test]
fn trump_without_alef_finds_trump_with_alef() {
    let index = index();
    assert_eq!(find(&index, "ترمب"), [6]);
    assert_eq!(find(&index, "ترامب"), [6]);
}

#[test]
fn skeleton_does_not_merge_ordinary_words() {
    let index = index();
    // كتاب (book), كاتب (writer) and كتب share the skeleton كتب; مصر and مسار share مسر.
    // Only close spellings count as variants, so doc 15 (الكتاب, مصر) is found by its own
    // words only.
    assert_eq!(find(&index, "كتاب"), [15]);
    assert_eq!(find(&index, "كاتب"), Vec::<i64>::new());
    assert_eq!(find(&index, "مصر"), [15]);
    assert_eq!(find(&index, "مسار"), Vec::<i64>::new());
}

#[test]
fn diacritics_do_not_matter_either_way() {
    let index = index();
    assert_eq!(find(&index, "المُوَازَنَةُ الجَدِيدَة"), [7]);
    assert_eq!(find(&index, "المدرسة مبنى"), [8]);
}

#[test]
fn mixed_arabic_and_latin_text() {
    let index = index();
    assert_eq!(find(&index, "apple"), [9]);
    assert_eq!(find(&index, "IPHONE"), [9]);
    assert_eq!(find(&index, "شركة Apple"), [9]);
    assert_eq!(find(&index, "هاتف iphone كاليفورنيا"), [9]);
}

#[test]
fn quoted_phrase_requires_adjacency() {
    let index = index();
    assert_eq!(find(&index, "وزير الخارجية"), [10, 11]);
    assert_eq!(find(&index, "\"وزير الخارجية\""), [10]);
    assert_eq!(find(&index, "«وزير الخارجية»"), [10]);
    assert_eq!(find(&index, "\"الخارجية وزير\""), Vec::<i64>::new());
}

#[test]
fn excluded_words_drop_documents() {
    let index = index();
    assert_eq!(find(&index, "وزير -الروسي"), [5, 11]);
    assert_eq!(find(&index, "وزير -\"وزير الخارجية\""), [5, 11]);
}

#[test]
fn words_are_anded() {
    let index = index();
    assert_eq!(find(&index, "وزير المالية"), [5]);
    assert_eq!(find(&index, "وزير الزيتون"), Vec::<i64>::new());
}

#[test]
fn outlet_filter() {
    let index = index();
    let request = |outlet: &str| SearchRequest {
        outlet: Some(outlet.into()),
        ..SearchRequest::new("بيونغ يانغ")
    };
    assert_eq!(ids(&index, &request("الجزيرة")), [1]);
    // The outlet is compared in the matching form.
    assert_eq!(ids(&index, &request("الجزيره")), [1]);
    assert_eq!(ids(&index, &request("العربية")), [2, 14]);
    assert_eq!(ids(&index, &request("bbc")), Vec::<i64>::new());
    let latin = SearchRequest {
        outlet: Some("bbc  ARABIC".into()),
        ..SearchRequest::new("الاتفاقية")
    };
    assert_eq!(ids(&index, &latin), [4]);
}

#[test]
fn date_range_filter_is_inclusive() {
    let index = index();
    let request = |from: Option<&str>, to: Option<&str>| SearchRequest {
        from: from.map(date),
        to: to.map(date),
        ..SearchRequest::new("بيونغ يانغ")
    };
    assert_eq!(ids(&index, &request(Some("2018-03-02"), None)), [2, 14]);
    assert_eq!(ids(&index, &request(None, Some("2018-03-05"))), [1, 2]);
    assert_eq!(
        ids(&index, &request(Some("2018-03-05"), Some("2018-03-05"))),
        [2]
    );
    assert_eq!(
        ids(&index, &request(Some("2019-01-01"), None)),
        Vec::<i64>::new()
    );
}

#[test]
fn story_filter() {
    let index = index();
    let request = SearchRequest {
        story: Some(7),
        ..SearchRequest::new("بيونغ يانغ")
    };
    assert_eq!(ids(&index, &request), [1, 2]);
}

#[test]
fn title_match_ranks_above_body_match() {
    let index = index();
    let results = index
        .search(&SearchRequest::new("الزيتون"))
        .expect("search");
    let order: Vec<i64> = results.hits.iter().map(|h| h.article_id).collect();
    assert_eq!(order, [12, 13]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn exact_spelling_ranks_above_variant() {
    let index = index();
    let results = index
        .search(&SearchRequest::new("ترامب نظيره"))
        .expect("search");
    assert_eq!(results.total, 1);
    let exact = results.hits[0].score;
    let variant = index
        .search(&SearchRequest::new("ترمب نظيره"))
        .expect("search")
        .hits[0]
        .score;
    assert!(exact > variant, "{exact} vs {variant}");
}

#[test]
fn unrelated_query_finds_nothing() {
    let index = index();
    for query in ["طائرة مسيرة", "كرة القدم", "bitcoin", "\"الوفد وزير\""]
    {
        assert_eq!(find(&index, query), Vec::<i64>::new(), "{query}");
    }
}

#[test]
fn snippets_highlight_the_original_words() {
    let index = index();
    let hit = |query: &str, id: i64| {
        index
            .search(&SearchRequest::new(query))
            .expect("search")
            .hits
            .into_iter()
            .find(|h| h.article_id == id)
            .expect("hit")
    };
    assert_eq!(
        hit("الاتفاقية", 3).snippet,
        "وقعت الأطراف [[والاتفاقية]] تدخل حيز التنفيذ الشهر المقبل."
    );
    assert_eq!(
        hit("بيونغ يانغ", 2).snippet,
        "زار الوفد [[بیونغ یانغ]] أمس والتقى مسؤولين."
    );
    assert_eq!(
        hit("بيونغ يانغ", 14).snippet,
        "تستعد [[بيونغيانغ]] لاستقبال الوفود."
    );
    // Diacritics of the original are kept inside the marks.
    assert_eq!(
        hit("المدرسة", 8).snippet,
        "أَعْلَنَتِ [[الْمَدْرَسَةُ]] عَنْ افْتِتَاحِ مَبْنًى جَدِيدٍ."
    );
    // A title-only match: the opening of the text, unmarked.
    assert_eq!(
        hit("مهرجان", 12).snippet,
        "افتتح المحافظ المعرض السنوي بحضور المزارعين."
    );
}

#[test]
fn hits_carry_stored_fields() {
    let index = index();
    let results = index.search(&SearchRequest::new("ترامب")).expect("search");
    let hit = &results.hits[0];
    assert_eq!(hit.title.as_deref(), Some("لقاء في واشنطن"));
    assert_eq!(hit.outlet.as_deref(), Some("الجزيرة"));
    assert_eq!(hit.published, Some(date("2018-06-15")));
    assert_eq!(hit.url.as_deref(), Some("https://example.com/a"));
}

#[test]
fn paging_and_totals() {
    let index = index();
    let all = index.search(&SearchRequest::new("وزير")).expect("search");
    assert_eq!(all.total, 3);
    let page = |offset, limit| {
        index
            .search(&SearchRequest {
                offset,
                limit,
                ..SearchRequest::new("وزير")
            })
            .expect("search")
    };
    let second = page(1, 1);
    assert_eq!(second.total, 3);
    assert_eq!(second.hits, all.hits[1..2]);
    assert!(page(5, 10).hits.is_empty());
    assert_eq!(page(0, 0).total, 3);
    assert_eq!(page(0, usize::MAX).hits.len(), 3);
}

#[test]
fn empty_query_lists_filtered_articles_newest_first() {
    let index = index();
    let request = SearchRequest {
        outlet: Some("روسيا اليوم".into()),
        ..SearchRequest::default()
    };
    let results = index.search(&request).expect("search");
    let order: Vec<i64> = results.hits.iter().map(|h| h.article_id).collect();
    assert_eq!(order, [11, 10]);
    let negative_only = SearchRequest {
        outlet: Some("روسيا اليوم".into()),
        ..SearchRequest::new("-الروسي")
    };
    assert_eq!(ids(&index, &negative_only), [11]);
}

#[test]
fn delete_and_upsert() {
    let index = index();
    let mut writer = index.writer(20_000_000).expect("writer");
    writer.delete(6);
    writer
        .upsert(&IndexDoc {
            article_id: 5,
            text: "وزير المالية يستقيل",
            ..IndexDoc::default()
        })
        .expect("upsert");
    writer.commit().expect("commit");
    assert_eq!(find(&index, "ترامب"), Vec::<i64>::new());
    assert_eq!(find(&index, "يستقيل"), [5]);
    assert_eq!(find(&index, "العجز"), Vec::<i64>::new());
    assert_eq!(index.num_docs(), DOCS.len() as u64 - 1);
}

#[test]
fn reopening_a_folder_keeps_the_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let index = Index::open_or_create(dir.path().join("index")).expect("create");
        let mut writer = index.writer(20_000_000).expect("writer");
        writer
            .add(&IndexDoc {
                article_id: 42,
                text: "ترامب في بيونج يانج",
                ..IndexDoc::default()
            })
            .expect("add");
        writer.finish().expect("finish");
    }
    let index = Index::open_or_create(dir.path().join("index")).expect("open");
    assert_eq!(find(&index, "ترمب بيونغيانغ"), [42]);
}

#[test]
fn a_rare_variant_does_not_outrank_the_common_spelling_typed() {
    // ترامب is common (six documents), ترمب rare (one): BM25 alone would give the rare
    // spelling the higher IDF and rank doc 2 first.
    let index = Index::create_in_ram().expect("index");
    let mut writer = index.writer(20_000_000).expect("writer");
    let mut add = |id: i64, text: &str| {
        writer
            .add(&IndexDoc {
                article_id: id,
                text,
                ..IndexDoc::default()
            })
            .expect("add");
    };
    add(1, "قال ترامب اليوم في مؤتمر صحفي");
    add(2, "قال ترمب اليوم في مؤتمر صحفي");
    for id in 3..8 {
        add(id, "ترامب في البيت الأبيض مع مستشاريه");
    }
    for id in 8..20 {
        add(id, "خبر آخر لا علاقة له بالموضوع");
    }
    writer.commit().expect("commit");
    let hits = index
        .search(&SearchRequest::new("ترامب مؤتمر"))
        .expect("search")
        .hits;
    let order: Vec<i64> = hits.iter().map(|h| h.article_id).collect();
    assert_eq!(order, [1, 2]);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn index_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Index>();
    let index = index();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(find(&index, "ترمب"), [6]));
        }
    });
}
