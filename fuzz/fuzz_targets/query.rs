//! The search query parser, and the query it builds run against a small
//! index: never panics, never an error for any query text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use marsad_index::{Index, IndexDoc, SearchRequest};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram().expect("an index in memory");
        let mut writer = index.writer(15_000_000).expect("a writer");
        let texts = [
            ("وزير الخارجية يزور بيونغ يانغ", "قال وزير الخارجية إن الزيارة إلى بيونغ يانغ ناجحة والمحادثات للبنان مستمرة"),
            ("حلف شمال الأطلسي", "اجتمع قادة لحلف شمال الأطلسي في بروكسل لمناقشة الأمن"),
            ("Markets rally", "Stocks rose on Monday as oil prices fell \"sharply\" - analysts said"),
        ];
        for (i, (title, text)) in texts.iter().enumerate() {
            writer
                .add(&IndexDoc {
                    article_id: i as i64 + 1,
                    title: Some(title),
                    text,
                    ..IndexDoc::default()
                })
                .expect("add");
        }
        writer.commit().expect("commit");
        index.reload().expect("reload");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let _ = marsad_index::parse_query(&query);
    let request = SearchRequest::new(query.into_owned());
    if let Err(e) = index().search(&request) {
        panic!("search of a query text failed: {e}");
    }
});
