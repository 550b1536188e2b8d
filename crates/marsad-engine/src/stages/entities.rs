//! Entities, quotes and figures (`marsad-entities`) as an engine stage.
//!
//! Rows kept under the stage `entities`, one per finding, about the article
//! it was found in (offsets are code points into the article's text as
//! stored: title, a blank line, then the body):
//! * `entity`, keyed by the entity's canonical key (variants of one name
//!   share it), one per key and article: its canonical name, type, role,
//!   the spellings seen and every mention's `[start, end]`;
//! * `quote`, keyed by the speaker's entity key (empty when unknown);
//! * `figure`, keyed by its unit (empty when none).

use std::sync::Arc;

use marsad_entities::{Analysis, Analyzer};
use marsad_store::{StageRow, Store, StoredArticle};

use crate::stage::{map_in_writer, Prepare, Prepared, Stage, StageError, StageInput};

/// The stage's name: its rows and progress are kept under it.
pub const STAGE: &str = "entities";
/// Row kind of one entity's mentions in one article.
pub const ENTITY: &str = "entity";

/// The text analysed for an article: its title, a blank line, its body.
pub fn analysed_text(a: &StoredArticle) -> String {
    match a.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t}\n\n{}", a.text),
        None => a.text.clone(),
    }
}

/// Entities, quotes and figures of a text, with the embedded model.
pub fn analyze(text: &str) -> Analysis {
    marsad_entities::analyze(text)
}

/// The entities stage.
pub struct EntitiesStage {
    analyzer: Arc<Analyzer>,
}

impl EntitiesStage {
    pub fn new() -> Result<EntitiesStage, StageError> {
        Ok(EntitiesStage {
            analyzer: Arc::new(Analyzer::embedded()?),
        })
    }
}

/// What the stage prepares for an article before it is stored: its rows, about article 0
/// until the article has its id. None when they could not be made (the stage then
/// analyses the article in the writer and reports the error there).
pub struct PreparedEntities {
    rows: Vec<StageRow>,
}

impl PreparedEntities {
    /// The keys of the entities found (the `entity` rows' keys), as the stories stage
    /// reads them from the store.
    pub fn entity_keys(&self) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter(|r| r.kind == ENTITY)
            .map(|r| r.key.as_str())
    }

    /// The rows, about `article`.
    fn rows_about(self, article: i64) -> Vec<StageRow> {
        let mut rows = self.rows;
        for row in &mut rows {
            row.article_id = Some(article);
        }
        rows
    }
}

struct EntitiesPreparer {
    analyzer: Arc<Analyzer>,
}

impl Prepare for EntitiesPreparer {
    fn prepare(&self, draft: &StoredArticle, _earlier: &[Option<Prepared>]) -> Option<Prepared> {
        let analysis = self.analyzer.analyze(&analysed_text(draft));
        let rows = rows_of(0, &analysis).ok()?;
        Some(Box::new(PreparedEntities { rows }))
    }
}

/// One entity's mentions in one article, as kept in the store.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityMentions {
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: marsad_entities::EntityType,
    pub role: Option<String>,
    /// Every spelling seen, in order of first appearance.
    pub variants: Vec<String>,
    /// `[start, end]` in code points, in text order.
    pub mentions: Vec<[usize; 2]>,
}

fn rows_of(article: i64, a: &Analysis) -> Result<Vec<StageRow>, StageError> {
    let mut by_key: Vec<(&str, EntityMentions)> = Vec::new();
    for e in &a.entities {
        let at = match by_key.iter().position(|(k, _)| *k == e.key) {
            Some(i) => i,
            None => {
                by_key.push((
                    &e.key,
                    EntityMentions {
                        canonical: e.canonical.clone(),
                        entity_type: e.entity_type,
                        role: None,
                        variants: Vec::new(),
                        mentions: Vec::new(),
                    },
                ));
                by_key.len() - 1
            }
        };
        let m = &mut by_key[at].1;
        if m.role.is_none() {
            m.role = e.role.clone();
        }
        if !m.variants.contains(&e.text) {
            m.variants.push(e.text.clone());
        }
        m.mentions.push([e.start, e.end]);
    }
    let mut rows = Vec::with_capacity(by_key.len() + a.quotes.len() + a.figures.len());
    for (key, m) in &by_key {
        rows.push(StageRow {
            kind: ENTITY.into(),
            key: key.to_string(),
            article_id: Some(article),
            value: serde_json::to_string(m)?,
        });
    }
    for q in &a.quotes {
        let key = q
            .speaker_index
            .and_then(|i| a.entities.get(i))
            .map(|e| e.key.clone())
            .unwrap_or_default();
        rows.push(StageRow {
            kind: "quote".into(),
            key,
            article_id: Some(article),
            value: serde_json::to_string(q)?,
        });
    }
    for f in &a.figures {
        rows.push(StageRow {
            kind: "figure".into(),
            key: f.unit.clone().unwrap_or_default(),
            article_id: Some(article),
            value: serde_json::to_string(f)?,
        });
    }
    Ok(rows)
}

impl Stage for EntitiesStage {
    fn name(&self) -> &str {
        STAGE
    }

    fn version(&self) -> u32 {
        1
    }

    fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        self.process_prepared(input, Vec::new(), store)
    }

    fn preparer(&self) -> Option<Arc<dyn Prepare>> {
        Some(Arc::new(EntitiesPreparer {
            analyzer: Arc::clone(&self.analyzer),
        }))
    }

    fn process_prepared(
        &mut self,
        input: &StageInput<'_>,
        prepared: Vec<Option<Prepared>>,
        _store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        let analyzer = &*self.analyzer;
        let mut prepared = prepared.into_iter();
        let articles: Vec<(&StoredArticle, Option<PreparedEntities>)> = input
            .articles
            .iter()
            .map(|a| {
                let p = prepared
                    .next()
                    .flatten()
                    .and_then(|p| p.downcast::<PreparedEntities>().ok());
                (a, p.map(|p| *p))
            })
            .collect();
        let rows_for = |(a, prepared): (&StoredArticle, Option<PreparedEntities>)| match prepared {
            Some(p) => Ok(p.rows_about(a.id)),
            None => rows_of(a.id, &analyzer.analyze(&analysed_text(a))),
        };
        let unprepared = articles.iter().any(|(_, p)| p.is_none());
        let found = map_in_writer(articles, unprepared, rows_for);
        let mut rows = Vec::new();
        for r in found {
            rows.extend(r?);
        }
        Ok(rows)
    }
}
