//! Duplicates, syndication and stories (`marsad-stories`) as an engine stage.
//!
//! Rows kept, all under the stage `stories`:
//! * `placement`, keyed by story id, one per article: its [`Placement`]
//!   without the group (JSON);
//! * `group`, keyed by duplicate-group id, written with the article whose
//!   placement last changed the group: the latest row of a key is the group;
//! * `features`, keyed by article id, one per placed article: the
//!   [`Features`] it was placed with, in their compact binary form
//!   ([`Features::encode`], base64), written in the same transaction as the
//!   placement.
//!
//! What the placement needs in memory is rebuilt, before the stage's first
//! write of a command, from the placements and the stored features, without
//! reading or analysing any text (an article placed by an older version,
//! whose features row is missing, has them recomputed from its text).

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine as _;
use marsad_store::{StageQuery, StageRow, Store, StoredArticle};
use marsad_stories::{
    ArticleInput, ArticleRecord, ArticleRole, DuplicateGroup, Features, Placement, StoryIndex,
};
use rayon::prelude::*;

use crate::stage::{map_in_writer, Prepare, Prepared, Stage, StageError, StageInput};
use crate::stages::entities::PreparedEntities;

/// The stage's name: its rows and progress are kept under it.
pub const STAGE: &str = "stories";
/// Row kind of one article's placement.
pub const PLACEMENT: &str = "placement";
/// Row kind of a duplicate group.
pub const GROUP: &str = "group";
/// Row kind of the features an article was placed with.
pub const FEATURES: &str = "features";

/// The stories stage.
#[derive(Default)]
pub struct StoriesStage {
    index: StoryIndex,
    placements: HashMap<i64, Placement>,
}

/// The entity keys the entities stage keeps for an article (none when it did not run).
fn entity_keys_of(store: &dyn Store, article: i64) -> Result<Vec<String>, StageError> {
    let rows = store.stage_rows(
        crate::stages::entities::STAGE,
        &StageQuery::Article(article),
    )?;
    Ok(marsad_stories::entity_keys(
        rows.iter()
            .filter(|r| r.kind == crate::stages::entities::ENTITY)
            .map(|r| r.key.as_str()),
    ))
}

/// What the stage is given about a stored article, with the keys of the entities found in it.
pub fn article_input(a: &StoredArticle, entities: Vec<String>) -> ArticleInput {
    ArticleInput {
        id: a.id,
        title: a.title.clone(),
        text: a.text.clone(),
        outlet: a.outlet.clone(),
        published: a.published,
        fetched: a.fetched.clone(),
        url: a.url.clone(),
        page: page_label(a),
        role: match a.role {
            marsad_model::Role::Main => ArticleRole::Main,
            marsad_model::Role::Appended => ArticleRole::Appended,
        },
        byline: a.byline.clone(),
        original_source: a.original_source.clone(),
        entities,
    }
}

/// The page an article's features name (its page id: only known once it is stored).
fn page_label(a: &StoredArticle) -> Option<String> {
    Some(format!("page {}", a.page_id))
}

/// The features of an article prepared before it was stored, made its own: the id and
/// the page are all that [`Features::of`] takes from what the store gives.
fn features_of_stored(mut prepared: Features, a: &StoredArticle) -> Features {
    prepared.id = a.id;
    prepared.page = page_label(a);
    prepared
}

/// Where a new article's features come from.
enum FeaturesFrom {
    /// Prepared before the article was stored.
    Prepared(Features),
    /// Made in the writer, with these entity keys.
    Entities(Vec<String>),
}

/// Prepares an article's features before it is stored, with the entity keys the entities
/// stage prepared for it (none when that stage does not run).
struct FeaturesPreparer;

impl Prepare for FeaturesPreparer {
    fn prepare(&self, draft: &StoredArticle, earlier: &[Option<Prepared>]) -> Option<Prepared> {
        let entities = earlier
            .iter()
            .flatten()
            .find_map(|p| p.downcast_ref::<PreparedEntities>())
            .map(|e| marsad_stories::entity_keys(e.entity_keys()))
            .unwrap_or_default();
        Some(Box::new(Features::of(&article_input(draft, entities))))
    }
}

fn placement_row(p: &Placement) -> Result<StageRow, StageError> {
    let mut kept = p.clone();
    kept.group = None;
    Ok(StageRow {
        kind: PLACEMENT.into(),
        key: p.story.to_string(),
        article_id: Some(p.article),
        value: serde_json::to_string(&kept)?,
    })
}

fn features_row(f: &Features) -> StageRow {
    StageRow {
        kind: FEATURES.into(),
        key: f.id.to_string(),
        article_id: Some(f.id),
        value: base64::engine::general_purpose::STANDARD_NO_PAD.encode(f.encode()),
    }
}

fn features_of_row(row: &StageRow) -> Result<Features, StageError> {
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(&row.value)?;
    Ok(Features::decode(&bytes)?)
}

/// The features every placed article was placed with, by article id (those whose row is
/// missing are not there).
fn stored_features(store: &dyn Store) -> Result<HashMap<i64, Features>, StageError> {
    let rows = store.stage_rows(STAGE, &StageQuery::Kind(FEATURES.into()))?;
    let features = rows
        .par_iter()
        .map(features_of_row)
        .collect::<Result<Vec<Features>, StageError>>()?;
    Ok(features.into_iter().map(|f| (f.id, f)).collect())
}

fn group_row(article: i64, g: &DuplicateGroup) -> Result<StageRow, StageError> {
    Ok(StageRow {
        kind: GROUP.into(),
        key: g.id.to_string(),
        article_id: Some(article),
        value: serde_json::to_string(g)?,
    })
}

/// The (article, story) pairs among a write's rows.
pub fn stories_in(rows: &[StageRow]) -> impl Iterator<Item = (i64, u64)> + '_ {
    rows.iter()
        .filter(|r| r.kind == PLACEMENT)
        .filter_map(|r| Some((r.article_id?, r.key.parse().ok()?)))
}

/// The story of every placed article, by article id.
pub fn stored_stories(
    store: &dyn Store,
) -> Result<crate::stage::StoryOf, marsad_store::StoreError> {
    let rows = store.stage_rows(STAGE, &StageQuery::Kind(PLACEMENT.into()))?;
    Ok(stories_in(&rows).collect())
}

/// Every placement the store keeps, by article id.
pub fn stored_placements(store: &dyn Store) -> Result<HashMap<i64, Placement>, StageError> {
    let mut out = HashMap::new();
    for row in store.stage_rows(STAGE, &StageQuery::Kind(PLACEMENT.into()))? {
        let p: Placement = serde_json::from_str(&row.value)?;
        out.insert(p.article, p);
    }
    Ok(out)
}

/// Every duplicate group the store keeps (the latest row of each), by group id.
pub fn stored_groups(store: &dyn Store) -> Result<HashMap<i64, DuplicateGroup>, StageError> {
    let mut out = HashMap::new();
    for row in store.stage_rows(STAGE, &StageQuery::Kind(GROUP.into()))? {
        let g: DuplicateGroup = serde_json::from_str(&row.value)?;
        out.insert(g.id, g);
    }
    Ok(out)
}

impl StoriesStage {
    /// The duplicate group a placed article is in, as it stands now.
    fn group_of(&self, p: &Placement) -> Option<&DuplicateGroup> {
        let id = p.copy.map_or(p.article, |c| c.group);
        self.index.group(id)
    }
}

impl Stage for StoriesStage {
    fn name(&self) -> &str {
        STAGE
    }

    fn version(&self) -> u32 {
        // 2: names are the entity stage's keys when it runs.
        // 3: one-permutation MinHash signatures; the features are stored (`features` rows).
        3
    }

    fn open(&mut self, store: &dyn Store) -> Result<(), StageError> {
        let placements = stored_placements(store)?;
        let mut features = stored_features(store)?;
        features.retain(|id, _| placements.contains_key(id));
        // Placed by a version that kept no features (or a row lost): from the article's text.
        let missing: Vec<i64> = placements
            .keys()
            .filter(|id| !features.contains_key(id))
            .copied()
            .collect();
        if !missing.is_empty() {
            let mut articles = Vec::with_capacity(missing.len());
            for &id in &missing {
                // A gone article's placement still anchors its copies: `article` keeps it.
                if let Some(a) = store.article(id)? {
                    let entities = entity_keys_of(store, id)?;
                    articles.push((a, entities));
                }
            }
            let computed: Vec<Features> = articles
                .into_par_iter()
                .map(|(a, entities)| Features::of(&article_input(&a, entities)))
                .collect();
            features.extend(computed.into_iter().map(|f| (f.id, f)));
        }
        let records = features.into_values().filter_map(|f| {
            let placement = placements.get(&f.id)?.clone();
            Some(ArticleRecord {
                features: f,
                placement,
            })
        });
        self.index = StoryIndex::restore(records)?;
        self.placements = placements;
        Ok(())
    }

    fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        self.process_prepared(input, Vec::new(), store)
    }

    fn preparer(&self) -> Option<Arc<dyn Prepare>> {
        Some(Arc::new(FeaturesPreparer))
    }

    fn process_prepared(
        &mut self,
        input: &StageInput<'_>,
        prepared: Vec<Option<Prepared>>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        let mut rows = Vec::new();
        let mut new = Vec::new();
        // The engine drops every row about a re-extracted or gone article, the group
        // rows it wrote included: they are written again, from the index. A re-extracted
        // article keeps its place (story ids never change under it); a gone one keeps its
        // rows too, since its copies still point at it (views show it nowhere).
        let kept = input
            .articles
            .iter()
            .map(|a| a.id)
            .filter(|id| self.placements.contains_key(id))
            .chain(input.gone.iter().copied())
            .collect::<Vec<i64>>();
        for id in kept {
            if let Some(p) = self.placements.get(&id) {
                rows.push(placement_row(p)?);
                if let Some(g) = self.group_of(p) {
                    rows.push(group_row(id, g)?);
                }
                // The features it was placed with, which the index still holds.
                rows.extend(
                    store
                        .stage_rows(STAGE, &StageQuery::Article(id))?
                        .into_iter()
                        .filter(|r| r.kind == FEATURES),
                );
            }
        }
        let mut prepared = prepared.into_iter();
        for a in input.articles {
            let p = prepared
                .next()
                .flatten()
                .and_then(|p| p.downcast::<Features>().ok());
            if !self.placements.contains_key(&a.id) {
                new.push((a, p));
            }
        }
        // The entities stage ran on this write before (stages run in order); what was
        // prepared was prepared with its keys.
        let inputs = new
            .into_iter()
            .map(|(a, p)| match p {
                Some(f) => Ok((a, FeaturesFrom::Prepared(*f))),
                None => Ok((a, FeaturesFrom::Entities(entity_keys_of(store, a.id)?))),
            })
            .collect::<Result<Vec<_>, StageError>>()?;
        let features_for = |(a, from): (&StoredArticle, FeaturesFrom)| {
            let f = match from {
                FeaturesFrom::Prepared(f) => features_of_stored(f, a),
                FeaturesFrom::Entities(keys) => Features::of(&article_input(a, keys)),
            };
            let row = features_row(&f);
            (f, row)
        };
        let unprepared = inputs
            .iter()
            .any(|(_, from)| matches!(from, FeaturesFrom::Entities(_)));
        let (features, feature_rows): (Vec<Features>, Vec<StageRow>) =
            map_in_writer(inputs, unprepared, features_for)
                .into_iter()
                .unzip();
        rows.extend(feature_rows);
        for p in self.index.place_batch(features)? {
            rows.push(placement_row(&p)?);
            if let Some(g) = &p.group {
                rows.push(group_row(p.article, g)?);
            }
            self.placements.insert(p.article, p);
        }
        Ok(rows)
    }
}

/// An article given as plain text: the first line is the title when more
/// lines follow; a one-line text is all body.
fn text_input(id: i64, text: &str) -> ArticleInput {
    let text = text.trim();
    let (title, body) = match text.split_once('\n') {
        Some((first, rest)) if !rest.trim().is_empty() => (Some(first.trim().to_string()), rest),
        _ => (None, text),
    };
    ArticleInput {
        id,
        title,
        text: body.trim().to_string(),
        page: Some(format!("text {id}")),
        ..ArticleInput::default()
    }
}

/// The stories stage's own measure of two texts being the same story, in
/// [0, 1]; ≥ 0.5 means the same story (`marsad similarity`).
pub fn same_story_of_texts(a: &str, b: &str) -> f32 {
    let fa = Features::of(&text_input(1, a));
    let fb = Features::of(&text_input(2, b));
    marsad_stories::same_story(
        &marsad_stories::Doc::standalone(&fa),
        &marsad_stories::Doc::standalone(&fb),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_store_sqlite::SqliteStore;

    fn article(id: i64, text: &str) -> StoredArticle {
        StoredArticle {
            id,
            page_id: id,
            role: marsad_model::Role::Main,
            title: Some("بوتين وكيم يوقعان اتفاقية شراكة".into()),
            subtitle: None,
            text: text.into(),
            outlet: Some(format!("outlet {id}")),
            published: None,
            url: None,
            source: format!("p{id}.txt"),
            dateline: None,
            byline: None,
            original_source: None,
            fetched: None,
            seq: 1,
            gone: false,
        }
    }

    const BODY: &str = "قال المتحدث باسم وزارة الخارجية الروسية إن موسكو وبيونغ يانغ وقعتا \
        اتفاقية شراكة استراتيجية شاملة خلال زيارة الرئيس فلاديمير بوتين إلى كوريا الشمالية. \
        وأضاف أن الاتفاقية تنص على المساعدة المتبادلة في حال تعرض أي من البلدين لعدوان.";

    fn groups_in(rows: &[StageRow]) -> Vec<DuplicateGroup> {
        rows.iter()
            .filter(|r| r.kind == GROUP)
            .map(|r| serde_json::from_str(&r.value).unwrap())
            .collect()
    }

    #[test]
    fn a_rewritten_or_gone_copy_writes_its_group_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).unwrap();
        let mut stage = StoriesStage::default();
        let first: Vec<StoredArticle> = (1..=3).map(|id| article(id, BODY)).collect();
        let input = StageInput {
            articles: &first,
            gone: &[],
            seq: 1,
        };
        let rows = stage.process(&input, &store).unwrap();
        let last = groups_in(&rows).pop().expect("the copies make a group");
        assert_eq!(last.members.len(), 3);

        // Article 3 wrote the group's latest row; re-extracted, its rows are replaced,
        // and the group must come back whole with them.
        let again = [article(3, &format!("{BODY} وتابع."))];
        let input = StageInput {
            articles: &again,
            gone: &[],
            seq: 2,
        };
        let rows = stage.process(&input, &store).unwrap();
        assert_eq!(groups_in(&rows), vec![last.clone()]);
        assert!(rows
            .iter()
            .any(|r| r.kind == PLACEMENT && r.article_id == Some(3)));

        // Gone, it keeps its placement and the group's row: its copies point at it.
        let input = StageInput {
            articles: &[],
            gone: &[3],
            seq: 3,
        };
        let rows = stage.process(&input, &store).unwrap();
        assert_eq!(groups_in(&rows), vec![last]);
        assert!(rows
            .iter()
            .any(|r| r.kind == PLACEMENT && r.article_id == Some(3)));
    }

    /// Rows as the engine keeps them: each write replaces the rows about its articles.
    fn keep(store: &mut SqliteStore, seq: u64, input_ids: Vec<i64>, rows: Vec<StageRow>) {
        use marsad_store::StageWrite;
        store
            .write_stage(&StageWrite {
                stage: STAGE.into(),
                version: 3,
                seq,
                clear_all: false,
                articles: input_ids,
                rows,
            })
            .unwrap();
    }

    #[test]
    fn a_stage_restored_from_stored_features_places_as_the_live_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(dir.path()).unwrap();
        let mut live = StoriesStage::default();
        let mut first: Vec<StoredArticle> = (1..=3).map(|id| article(id, BODY)).collect();
        first.push(article(
            4,
            "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة يضم مئتي سرير \
             ويخدم سكان الأحياء الجنوبية الذين كانوا يقطعون مسافات طويلة للعلاج.",
        ));
        let input = StageInput {
            articles: &first,
            gone: &[],
            seq: 1,
        };
        let rows = live.process(&input, &store).unwrap();
        assert_eq!(rows.iter().filter(|r| r.kind == FEATURES).count(), 4);
        keep(&mut store, 1, vec![1, 2, 3, 4], rows);

        // No article text is in the store: the restored stage can only use the rows.
        let mut restored = StoriesStage::default();
        restored.open(&store).unwrap();
        let second = [
            article(5, &format!("{BODY} وتابع.")),
            article(
                6,
                "خبر آخر تماما عن مباراة كرة القدم بين الفريقين في الدوري المحلي أمس.",
            ),
        ];
        let input = StageInput {
            articles: &second,
            gone: &[],
            seq: 2,
        };
        assert_eq!(
            restored.process(&input, &store).unwrap(),
            live.process(&input, &store).unwrap()
        );

        // A re-extracted article keeps the features it was placed with.
        let again = [article(2, "نص جديد مختلف")];
        let input = StageInput {
            articles: &again,
            gone: &[],
            seq: 3,
        };
        let rows = live.process(&input, &store).unwrap();
        let kept = store
            .stage_rows(STAGE, &StageQuery::Article(2))
            .unwrap()
            .into_iter()
            .find(|r| r.kind == FEATURES)
            .unwrap();
        assert!(rows.contains(&kept));
    }

    #[test]
    fn names_are_the_entity_stage_keys_without_misc() {
        use marsad_store::StageWrite;
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(dir.path()).unwrap();
        let row = |kind: &str, key: &str| StageRow {
            kind: kind.into(),
            key: key.into(),
            article_id: Some(7),
            value: "{}".into(),
        };
        store
            .write_stage(&StageWrite {
                stage: crate::stages::entities::STAGE.into(),
                version: 1,
                seq: 1,
                clear_all: false,
                articles: vec![7],
                rows: vec![
                    row(crate::stages::entities::ENTITY, "PERS:فلدمر بتن"),
                    row(crate::stages::entities::ENTITY, "KP"),
                    row(crate::stages::entities::ENTITY, "MISC:اكس"),
                    row("quote", "PERS:فلدمر بتن"),
                ],
            })
            .unwrap();
        assert_eq!(
            entity_keys_of(&store, 7).unwrap(),
            vec!["KP".to_string(), "PERS:فلدمر بتن".to_string()]
        );
        assert!(entity_keys_of(&store, 8).unwrap().is_empty());
    }
}
