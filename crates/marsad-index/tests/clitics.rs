//! A bare ب ل ك ف: the analyzer keeps the whole form, the query expands a word to it when
//! the collection attests the word on its own (see `marsad_index::query`).

use marsad_index::{Index, IndexDoc, SearchRequest};

fn index_of(texts: &[&str]) -> Index {
    let index = Index::create_in_ram().expect("index in memory");
    let mut writer = index.writer(50_000_000).expect("writer");
    for (i, text) in texts.iter().enumerate() {
        writer
            .add(&IndexDoc {
                article_id: i as i64,
                text,
                ..IndexDoc::default()
            })
            .expect("add");
    }
    writer.commit().expect("commit");
    index
}

fn find(index: &Index, query: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = index
        .search(&SearchRequest::new(query))
        .expect("search")
        .hits
        .iter()
        .map(|h| h.article_id)
        .collect();
    ids.sort_unstable();
    ids
}

const YEMEN: &[&str] = &[
    "وصل المبعوث الأممي إلى صنعاء أمس.",                 // 0
    "قالت مصادر في صنعاء إن المحادثات مستمرة.",         // 1
    "التقى المبعوث بصنعاء قادة الحوثيين.",              // 2
    "وبصنعاء عقد اجتماع ثان.",                          // 3
    "استقبل وزير الخارجية نظيره.",                      // 4
    "وقع الوزير الاتفاق، وقال الوزير إن الوزارة جاهزة.", // 5
];

#[test]
fn an_attested_word_finds_its_forms_with_a_bare_preposition() {
    let index = index_of(YEMEN);
    assert_eq!(find(&index, "صنعاء"), [0, 1, 2, 3]);
    // The whole form is still a word of its own.
    assert_eq!(find(&index, "بصنعاء"), [2, 3]);
}

#[test]
fn waw_of_a_word_is_never_a_clitic() {
    let index = index_of(YEMEN);
    assert_eq!(find(&index, "زير"), Vec::<i64>::new());
    assert_eq!(find(&index, "زارة"), Vec::<i64>::new());
    assert_eq!(find(&index, "وزير"), [4, 5]);
}

#[test]
fn a_word_the_collection_does_not_write_on_its_own_is_not_expanded() {
    // صنعاء once on its own (fewer than MIN_ATTESTED_DOCS): بصنعاء is not taken as ب + صنعاء.
    let index = index_of(&["في صنعاء", "التقى بصنعاء", "التقى بصنعاء مرة أخرى"]);
    assert_eq!(find(&index, "صنعاء"), [0]);
}

#[test]
fn a_word_far_rarer_than_the_longer_one_is_not_expanded() {
    // سلم ("peace") in 2 documents, بسلم ("by a ladder") in 9: fewer than a quarter
    // (MIN_ATTESTED_RATIO), so بسلم is not read as ب + سلم.
    let mut texts = vec!["حث على السلم", "دعا إلى السلم"];
    texts.extend(["صعد بسلم"; 9]);
    let index = index_of(&texts);
    assert_eq!(find(&index, "سلم"), [0, 1]);
    // With سلم written in 3 documents out of 12, it is.
    texts.push("السلم الأهلي");
    let index = index_of(&texts);
    assert_eq!(find(&index, "سلم").len(), 12);
}

#[test]
fn a_form_written_with_the_article_is_a_word_of_its_own() {
    // كرة ("ball") is frequent; فكرة ("idea") is not ف + كرة: الفكرة is written.
    let index = index_of(&[
        "كرة القدم",
        "الكرة في الملعب",
        "ركل الكرة",
        "فكرة جيدة",
        "رفض الفكرة",
        "فكرة أخرى",
        "كرة السلة",
    ]);
    assert_eq!(find(&index, "كرة"), [0, 1, 2, 6]);
    assert_eq!(find(&index, "فكرة"), [3, 4, 5]);
}

#[test]
fn every_bare_proclitic_and_combination() {
    let index = index_of(&[
        "حركة حماس",
        "قادة حماس",
        "بيان حماس",
        "رسالة لحماس",
        "كحماس وغيرها",
        "فحماس رفضت",
        "فلحماس موقف",
        "ولحماس موقف",
        "سلام",
    ]);
    assert_eq!(find(&index, "حماس"), [0, 1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn with_enthusiasm_is_also_found_by_hamas() {
    // بحماس is ب + حماس ("to Hamas") and also "with enthusiasm": the whole form cannot tell.
    // Where حماس is attested, a search for حماس finds both; -بحماس drops the whole form.
    let index = index_of(&[
        "حركة حماس",
        "قادة حماس",
        "اتصال بحماس",
        "استقبل الجمهور الفريق بحماس",
    ]);
    assert_eq!(find(&index, "حماس"), [0, 1, 2, 3]);
    assert_eq!(find(&index, "حماس -بحماس"), [0, 1]);
    assert_eq!(find(&index, "بحماس"), [2, 3]);
}

#[test]
fn a_phrase_may_carry_the_preposition_on_its_first_word() {
    let index = index_of(&[
        "قمة حلف شمال الأطلسي في بروكسل",
        "الأمين العام لحلف شمال الأطلسي",
        "انضمت إلى الحلف في شمال الأطلسي",
        "حلف لشمال الأطلسي",
        "قادة حلف شمال الأطلسي",
    ]);
    assert_eq!(find(&index, "\"حلف شمال الأطلسي\""), [0, 1, 4]);
}

#[test]
fn lam_lam_is_read_both_ways() {
    let index = index_of(&[
        "زار الرئيس لبنان",
        "قدم مساعدات للبنان",
        "مرض لبنان",
        "وللبنان حق",
    ]);
    assert_eq!(find(&index, "لبنان"), [0, 1, 2, 3]);
    assert_eq!(find(&index, "\"مساعدات للبنان\""), [1]);
    assert_eq!(find(&index, "\"مساعدات لبنان\""), [1]);
    let hits = index
        .search(&SearchRequest::new("لبنان مساعدات"))
        .expect("search")
        .hits;
    assert_eq!(hits[0].snippet, "قدم [[مساعدات للبنان]]");
}

#[test]
fn snippets_highlight_the_form_with_the_preposition() {
    let index = index_of(YEMEN);
    let hits = index
        .search(&SearchRequest::new("صنعاء الحوثيين"))
        .expect("search")
        .hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].snippet,
        "التقى المبعوث [[بصنعاء]] قادة [[الحوثيين]]."
    );
}

#[test]
fn the_form_as_typed_ranks_above_the_form_with_a_preposition() {
    let index = index_of(&["المبعوث التقى بصنعاء", "المبعوث زار صنعاء", "صنعاء"]);
    let hits = index
        .search(&SearchRequest::new("صنعاء المبعوث"))
        .expect("search")
        .hits;
    let order: Vec<i64> = hits.iter().map(|h| h.article_id).collect();
    assert_eq!(order, [1, 0]);
}

#[test]
fn spelling_variants_carry_prepositions_too() {
    let index = index_of(&["قال ترامب", "رد ترامب", "رسالة لترامب"]);
    assert_eq!(find(&index, "ترمب"), [0, 1, 2]);
}
