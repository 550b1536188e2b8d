//! The index schema: one tantivy document per article.
//!
//! | field            | type | indexed as                                   | stored | fast |
//! |------------------|------|----------------------------------------------|--------|------|
//! | `id`             | i64  | exact                                        | yes    | yes  |
//! | `title`          | text | `marsad_ar`, positions                       | yes    |      |
//! | `subtitle`       | text | `marsad_ar`, positions                       | yes    |      |
//! | `text`           | text | `marsad_ar`, positions                       | yes    |      |
//! | `stem`           | text | `marsad_ar_stem` of title+subtitle+text, freqs |      |      |
//! | `skel`           | text | `skeleton|word` of title+subtitle+text, doc ids only |  |      |
//! | `outlet`         | text | —                                            | yes    |      |
//! | `outlet_key`     | str  | exact, matching form of `outlet`             |        |      |
//! | `published`      | text | — (`YYYY-MM-DD[THH:MM]`)                     | yes    |      |
//! | `published_days` | i64  | days since 1970-01-01, range filters         |        | yes  |
//! | `url`, `source`  | text | —                                            | yes    |      |
//! | `story`          | u64  | exact (optional: stories come later)         | yes    | yes  |

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis::{BASE_ANALYZER, SKELETON_ANALYZER, STEM_ANALYZER};

pub const ID: &str = "id";
pub const TITLE: &str = "title";
pub const SUBTITLE: &str = "subtitle";
pub const TEXT: &str = "text";
pub const STEM: &str = "stem";
pub const SKELETON: &str = "skel";
pub const OUTLET: &str = "outlet";
pub const OUTLET_KEY: &str = "outlet_key";
pub const PUBLISHED: &str = "published";
pub const PUBLISHED_DAYS: &str = "published_days";
pub const URL: &str = "url";
pub const SOURCE: &str = "source";
pub const STORY: &str = "story";

#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub subtitle: Field,
    pub text: Field,
    pub stem: Field,
    pub skel: Field,
    pub outlet: Field,
    pub outlet_key: Field,
    pub published: Field,
    pub published_days: Field,
    pub url: Field,
    pub source: Field,
    pub story: Field,
}

fn analyzed(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let fields = Fields {
        id: b.add_i64_field(ID, INDEXED | STORED | FAST),
        title: b.add_text_field(TITLE, analyzed(BASE_ANALYZER, positions).set_stored()),
        subtitle: b.add_text_field(SUBTITLE, analyzed(BASE_ANALYZER, positions).set_stored()),
        text: b.add_text_field(TEXT, analyzed(BASE_ANALYZER, positions).set_stored()),
        stem: b.add_text_field(STEM, analyzed(STEM_ANALYZER, IndexRecordOption::WithFreqs)),
        skel: b.add_text_field(
            SKELETON,
            analyzed(SKELETON_ANALYZER, IndexRecordOption::Basic),
        ),
        outlet: b.add_text_field(OUTLET, STORED),
        outlet_key: b.add_text_field(OUTLET_KEY, STRING),
        published: b.add_text_field(PUBLISHED, STORED),
        published_days: b.add_i64_field(PUBLISHED_DAYS, INDEXED | FAST),
        url: b.add_text_field(URL, STORED),
        source: b.add_text_field(SOURCE, STORED),
        story: b.add_u64_field(STORY, INDEXED | STORED | FAST),
    };
    (b.build(), fields)
}

/// The filter key of an outlet name: marsad-model's [`marsad_model::outlet_key`], the one
/// folding every outlet filter uses ("الجزيرة" = "الجزيره", "Sky News" = "sky  news",
/// a known outlet's domain = its name).
pub fn outlet_key(outlet: &str) -> String {
    marsad_model::outlet_key(outlet)
}
