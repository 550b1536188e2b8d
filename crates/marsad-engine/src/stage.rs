//! Analysis stages: steps that see stored articles and keep rows of their
//! own (duplicates, stories, entities…).
//!
//! A stage is handed every committed write in the writer, in commit order:
//! the new or rewritten articles (in id order) and the ids gone. It returns
//! the rows to keep about those articles; the engine replaces the stage's
//! old rows about them and records the write's sequence number as the
//! stage's progress, in one transaction. When the data folder is opened, a
//! stage behind the store (a run killed between the two commits) is caught
//! up from [`Store::changes_since`], and a stage whose version changed is
//! run again over every article. Adding a stage is one more entry in the
//! list given to the engine: neither the CLI nor the other stages change.

use std::any::Any;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use marsad_store::{ArticleChange, StageRow, StageWrite, Store, StoredArticle};

use crate::EngineError;

/// Any error a stage reports; the engine names the stage.
pub type StageError = Box<dyn std::error::Error + Send + Sync>;

/// One committed write, as a stage sees it.
#[derive(Debug, Clone, Copy)]
pub struct StageInput<'a> {
    pub articles: &'a [StoredArticle],
    pub gone: &'a [i64],
    pub seq: u64,
}

/// An analysis stage.
pub trait Stage: Send {
    /// Unique among stages: its rows and progress are kept under it.
    fn name(&self) -> &str;

    /// Bump when what the stage computes changes: it then runs again over
    /// every article the next time the data folder is opened.
    fn version(&self) -> u32;

    /// Load what the stage keeps in memory from its stored rows (once, when
    /// the data folder is opened, before any catching up).
    fn open(&mut self, store: &dyn Store) -> Result<(), StageError> {
        let _ = store;
        Ok(())
    }

    /// The rows to keep about `input.articles` (replacing the old ones);
    /// the rows about `input.gone` are dropped.
    fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError>;

    /// The part of the stage's work that depends on one article alone, to be done before
    /// the article is stored, in parallel with the reading and extraction of other pages
    /// (the writer then only does what depends on order and the store). None: the stage
    /// does all its work in [`Stage::process`].
    fn preparer(&self) -> Option<Arc<dyn Prepare>> {
        None
    }

    /// As [`Stage::process`], given what the stage's [`Prepare`] found for each of
    /// `input.articles` (by position; `None` where nothing was prepared). The rows must be
    /// those [`Stage::process`] gives.
    fn process_prepared(
        &mut self,
        input: &StageInput<'_>,
        prepared: Vec<Option<Prepared>>,
        store: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        let _ = prepared;
        self.process(input, store)
    }
}

/// What a stage worked out about one article before it was stored.
pub type Prepared = Box<dyn Any + Send>;

/// A stage's work on one article that depends on nothing but the article: a pure function,
/// run on any thread, in any order.
pub trait Prepare: Send + Sync {
    /// What the stage needs from `draft` (an article about to be stored: its id, page id
    /// and sequence number are not known yet, and are 0). `earlier` holds what the stages
    /// before this one prepared for the same article, in stage order.
    fn prepare(&self, draft: &StoredArticle, earlier: &[Option<Prepared>]) -> Option<Prepared>;
}

/// The preparers of an engine's stages, one slot per stage (in stage order).
#[derive(Clone, Default)]
pub struct Preparers {
    stages: Vec<Option<Arc<dyn Prepare>>>,
}

/// An article about to be stored, with what each stage prepared for it.
pub struct PreparedArticle {
    draft: StoredArticle,
    by_stage: Vec<Option<Prepared>>,
}

impl Preparers {
    /// Whether no stage prepares anything.
    pub fn is_empty(&self) -> bool {
        self.stages.iter().all(Option::is_none)
    }

    /// Every stage's preparation of `draft`. A preparer that panics leaves its slot (and
    /// those of the stages after it) empty: the stage then does the work in the writer,
    /// where a failure is reported as before.
    pub fn prepare(&self, draft: StoredArticle) -> PreparedArticle {
        let mut by_stage: Vec<Option<Prepared>> = Vec::with_capacity(self.stages.len());
        let mut failed = false;
        for preparer in &self.stages {
            let prepared = match preparer {
                Some(p) if !failed => {
                    match catch_unwind(AssertUnwindSafe(|| p.prepare(&draft, &by_stage))) {
                        Ok(prepared) => prepared,
                        Err(_) => {
                            failed = true;
                            None
                        }
                    }
                }
                _ => None,
            };
            by_stage.push(prepared);
        }
        PreparedArticle { draft, by_stage }
    }
}

/// Whether `stored` is the article `draft` became: every field but those the store gives.
fn is_stored_form_of(stored: &StoredArticle, draft: &StoredArticle) -> bool {
    // Destructured so that a new field cannot be forgotten here.
    let StoredArticle {
        id: _,
        page_id: _,
        seq: _,
        gone: _,
        role,
        title,
        subtitle,
        text,
        outlet,
        published,
        url,
        source,
        dateline,
        byline,
        original_source,
        fetched,
    } = draft;
    stored.role == *role
        && stored.text == *text
        && stored.title == *title
        && stored.subtitle == *subtitle
        && stored.outlet == *outlet
        && stored.published == *published
        && stored.url == *url
        && stored.source == *source
        && stored.dateline == *dateline
        && stored.byline == *byline
        && stored.original_source == *original_source
        && stored.fetched == *fetched
}

/// What was prepared for each of `articles` (by position), found among `prepared` by
/// content: one slot per stage, all empty for an article nothing was prepared for.
pub fn match_prepared(
    articles: &[StoredArticle],
    prepared: Vec<PreparedArticle>,
    stages: usize,
) -> Vec<Vec<Option<Prepared>>> {
    let (drafts, mut by_stage): (Vec<StoredArticle>, Vec<Option<Vec<Option<Prepared>>>>) = prepared
        .into_iter()
        .map(|p| (p.draft, Some(p.by_stage)))
        .unzip();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::with_capacity(drafts.len());
    for (i, d) in drafts.iter().enumerate() {
        by_text.entry(d.text.as_str()).or_default().push(i);
    }
    articles
        .iter()
        .map(|a| {
            let found = by_text.get(a.text.as_str()).and_then(|candidates| {
                candidates
                    .iter()
                    .find(|&&i| by_stage[i].is_some() && is_stored_form_of(a, &drafts[i]))
                    .and_then(|&i| by_stage[i].take())
            });
            found.unwrap_or_else(|| (0..stages).map(|_| None).collect())
        })
        .collect()
}

/// `f` over `items` in the writer, spread over the thread pool only when `parallel` (some
/// article was not prepared and needs real work). Called from the writer, a pool job queues
/// behind every task of the next batch's preparation: the writer would wait for that whole
/// batch to finish a copy.
pub(crate) fn map_in_writer<T: Send, R: Send>(
    items: Vec<T>,
    parallel: bool,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    if parallel {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

/// Articles read per batch when a stage catches up.
const CATCH_UP_BATCH: usize = 1_000;

/// The leading run of `pending` that came from one write (one sequence number), taken out;
/// the last run is held back until `done` says no more of it can follow.
fn next_write(pending: &mut Vec<ArticleChange>, done: bool) -> Option<Vec<ArticleChange>> {
    let seq = pending.first()?.seq();
    let end = pending
        .iter()
        .position(|c| c.seq() != seq)
        .unwrap_or(pending.len());
    if end == pending.len() && !done {
        return None;
    }
    Some(pending.drain(..end).collect())
}

/// The stages of an engine, in the order they run.
#[derive(Default)]
pub struct Stages {
    stages: Vec<Box<dyn Stage>>,
    /// Whether each stage has loaded its state ([`Stage::open`]). A stage in step with the
    /// store is opened when it is first given a write, so that commands that write nothing
    /// do not pay for loading it.
    opened: Vec<bool>,
}

impl Stages {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Stages {
        let opened = vec![false; stages.len()];
        Stages { stages, opened }
    }

    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }

    /// Open each stage and bring it in step with `store`.
    pub fn open_in_step(
        &mut self,
        store: &mut dyn Store,
        notice: &dyn Fn(&str),
    ) -> Result<(), EngineError> {
        let store_seq = store.seq()?;
        for (stage, opened) in self.stages.iter_mut().zip(&mut self.opened) {
            let name = stage.name().to_string();
            let fail = |source| EngineError::Stage {
                stage: name.clone(),
                source,
            };
            let progress = store.stage_progress(&name)?;
            let since = match progress {
                Some(p) if p.version == stage.version() && p.seq >= store_seq => continue,
                Some(p) if p.version == stage.version() => {
                    notice(&format!(
                        "stage {name} is behind the store (write {} of {store_seq}): catching up",
                        p.seq
                    ));
                    p.seq
                }
                found => {
                    if found.is_some() {
                        notice(&format!(
                            "stage {name} changed (version {}): running it again over every article",
                            stage.version()
                        ));
                    }
                    store.write_stage(&StageWrite {
                        stage: name.clone(),
                        version: stage.version(),
                        seq: 0,
                        clear_all: true,
                        ..StageWrite::default()
                    })?;
                    0
                }
            };
            stage.open(store).map_err(fail)?;
            *opened = true;
            // One committed write at a time, as the stage saw them when they were written: a
            // stage such as stories decides within a write in its own order, so handing it
            // two writes at once (or half of one) would decide differently than an
            // uninterrupted run did.
            let mut after = 0;
            let mut pending: Vec<ArticleChange> = Vec::new();
            loop {
                let changes = store.changes_since(since, after, CATCH_UP_BATCH)?;
                let done = changes.len() < CATCH_UP_BATCH;
                if let Some(last) = changes.last() {
                    after = last.id();
                }
                pending.extend(changes);
                while let Some(write) = next_write(&mut pending, done) {
                    let (mut live, mut gone) = (Vec::new(), Vec::new());
                    for c in write {
                        match c {
                            ArticleChange::Live(a) => live.push(a),
                            ArticleChange::Gone { id, .. } => gone.push(id),
                        }
                    }
                    let input = StageInput {
                        articles: &live,
                        gone: &gone,
                        seq: since,
                    };
                    run_one(stage.as_mut(), &input, store)?;
                }
                if done {
                    break;
                }
            }
            store.write_stage(&StageWrite {
                stage: name.clone(),
                version: stage.version(),
                seq: store_seq,
                ..StageWrite::default()
            })?;
        }
        Ok(())
    }

    /// Record that every stage has seen the store up to `seq` (after the
    /// writes before it were processed).
    pub fn advance(&self, store: &mut dyn Store, seq: u64) -> Result<(), EngineError> {
        for stage in &self.stages {
            store.write_stage(&StageWrite {
                stage: stage.name().to_string(),
                version: stage.version(),
                seq,
                ..StageWrite::default()
            })?;
        }
        Ok(())
    }

    /// How far every stage has got in `store`: the least progress among them
    /// (0 when one never ran), or the store's own position when there are no stages.
    pub fn seen(&self, store: &dyn Store) -> Result<u64, EngineError> {
        let mut seen = store.seq()?;
        for stage in &self.stages {
            let progress = store
                .stage_progress(stage.name())?
                .filter(|p| p.version == stage.version());
            seen = seen.min(progress.map_or(0, |p| p.seq));
        }
        Ok(seen)
    }

    /// The preparers of the stages, for the threads that prepare articles before they are
    /// stored.
    pub fn preparers(&self) -> Preparers {
        Preparers {
            stages: self.stages.iter().map(|s| s.preparer()).collect(),
        }
    }

    /// The number of stages.
    pub fn len(&self) -> usize {
        self.stages.len()
    }

    /// Run every stage on one committed write. Returns the story of each
    /// article placed (from the stories stage's rows), for the index.
    pub fn process(
        &mut self,
        input: &StageInput<'_>,
        store: &mut dyn Store,
    ) -> Result<StoryOf, EngineError> {
        self.process_prepared(input, Vec::new(), store)
    }

    /// As [`Stages::process`], with what was prepared for each of `input.articles` (by
    /// position, one slot per stage; [`match_prepared`]); an empty `prepared`: nothing was.
    pub fn process_prepared(
        &mut self,
        input: &StageInput<'_>,
        prepared: Vec<Vec<Option<Prepared>>>,
        store: &mut dyn Store,
    ) -> Result<StoryOf, EngineError> {
        // Per stage, one slot per article.
        let mut per_stage: Vec<Vec<Option<Prepared>>> = (0..self.stages.len())
            .map(|_| Vec::with_capacity(input.articles.len()))
            .collect();
        if !prepared.is_empty() {
            for by_stage in prepared {
                for (slots, p) in per_stage.iter_mut().zip(by_stage) {
                    slots.push(p);
                }
            }
        }
        let mut stories = StoryOf::new();
        for ((stage, opened), prepared) in
            self.stages.iter_mut().zip(&mut self.opened).zip(per_stage)
        {
            if !*opened {
                // In step when the folder was opened: its state is loaded now, before the
                // first write it is given (a stage that kept nothing in memory would place
                // new articles as if the store were empty).
                stage.open(&*store).map_err(|source| EngineError::Stage {
                    stage: stage.name().to_string(),
                    source,
                })?;
                *opened = true;
            }
            let rows = if prepared.iter().any(Option::is_some) {
                run_one_prepared(stage.as_mut(), input, prepared, store)?
            } else {
                run_one(stage.as_mut(), input, store)?
            };
            if stage.name() == crate::stages::stories::STAGE {
                stories.extend(crate::stages::stories::stories_in(&rows));
            }
        }
        Ok(stories)
    }
}

/// The story id of articles, by article id.
pub type StoryOf = std::collections::HashMap<i64, u64>;

fn run_one(
    stage: &mut dyn Stage,
    input: &StageInput<'_>,
    store: &mut dyn Store,
) -> Result<Vec<StageRow>, EngineError> {
    let rows = stage
        .process(input, store)
        .map_err(|source| EngineError::Stage {
            stage: stage.name().to_string(),
            source,
        })?;
    keep_rows(stage, input, rows, store)
}

fn run_one_prepared(
    stage: &mut dyn Stage,
    input: &StageInput<'_>,
    prepared: Vec<Option<Prepared>>,
    store: &mut dyn Store,
) -> Result<Vec<StageRow>, EngineError> {
    let rows = stage
        .process_prepared(input, prepared, store)
        .map_err(|source| EngineError::Stage {
            stage: stage.name().to_string(),
            source,
        })?;
    keep_rows(stage, input, rows, store)
}

/// Replace the stage's rows about a write's articles by `rows`, and record its progress.
fn keep_rows(
    stage: &dyn Stage,
    input: &StageInput<'_>,
    rows: Vec<StageRow>,
    store: &mut dyn Store,
) -> Result<Vec<StageRow>, EngineError> {
    let mut articles: Vec<i64> = input.articles.iter().map(|a| a.id).collect();
    articles.extend_from_slice(input.gone);
    let write = StageWrite {
        stage: stage.name().to_string(),
        version: stage.version(),
        seq: input.seq,
        clear_all: false,
        articles,
        rows,
    };
    store.write_stage(&write)?;
    Ok(write.rows)
}

#[cfg(test)]
mod write_tests {
    use super::*;

    fn gone(id: i64, seq: u64) -> ArticleChange {
        ArticleChange::Gone { id, seq }
    }

    #[test]
    fn catching_up_hands_over_whole_writes_only() {
        let mut pending = vec![gone(1, 4), gone(2, 4), gone(3, 5), gone(4, 5)];
        let ids = |w: Vec<ArticleChange>| w.iter().map(ArticleChange::id).collect::<Vec<_>>();
        assert_eq!(next_write(&mut pending, false).map(ids), Some(vec![1, 2]));
        // The write of seq 5 may go on in the next page of changes: held back.
        assert_eq!(next_write(&mut pending, false).map(ids), None);
        pending.push(gone(5, 5));
        assert_eq!(next_write(&mut pending, true).map(ids), Some(vec![3, 4, 5]));
        assert!(next_write(&mut pending, true).is_none());
    }
}

#[cfg(test)]
mod prepared_tests {
    use super::*;
    use marsad_model::CleanArticle;
    use marsad_store::{NewPage, StageQuery};
    use marsad_store_sqlite::SqliteStore;

    const TREATY: &str = "قال المتحدث باسم وزارة الخارجية الروسية إن موسكو وبيونغ يانغ وقعتا \
        اتفاقية شراكة استراتيجية شاملة خلال زيارة الرئيس فلاديمير بوتين إلى كوريا الشمالية.\n\n\
        وأضاف أن الاتفاقية تنص على المساعدة المتبادلة في حال تعرض أي من البلدين لعدوان، \
        وقال بوتين «إنها وثيقة اختراقية» بحضور 300 صحفي.";
    const HOSPITAL: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة الرياض \
        يضم مئتي سرير ويخدم سكان الأحياء الجنوبية الذين كانوا يقطعون مسافات طويلة للعلاج.";

    fn record(n: usize, title: &str, text: &str, outlet: &str) -> NewPage {
        NewPage::from_clean(
            CleanArticle {
                source: format!("test.jsonl#{n}"),
                corpus: "jsonl".into(),
                url: Some(format!("https://example.com/{n}")),
                title: Some(title.into()),
                subtitle: None,
                text: text.into(),
                published: None,
                fetched: Some("2024-06-19".into()),
                outlet: Some(outlet.into()),
                byline: None,
            },
            "test",
        )
    }

    fn pages() -> Vec<NewPage> {
        vec![
            record(1, "بوتين وكيم يوقعان اتفاقية شراكة", TREATY, "الجزيرة"),
            record(2, "مستشفى جديد في الرياض", HOSPITAL, "سبق"),
            // A copy, and a copy with one more sentence: one group, one story.
            record(3, "بوتين وكيم يوقعان اتفاقية", TREATY, "العربية"),
            record(
                4,
                "اتفاقية بين موسكو وبيونغ يانغ",
                &format!("{TREATY} وتابع."),
                "بي بي سي",
            ),
            // The same text twice in one write.
            record(5, "مستشفى جديد في الرياض", HOSPITAL, "الرياض"),
        ]
    }

    /// Every row the stages keep, in a comparable order.
    fn all_rows(store: &dyn Store) -> Vec<(String, StageRow)> {
        let mut out = Vec::new();
        for (stage, kinds) in [
            (
                crate::stages::entities::STAGE,
                &["entity", "quote", "figure"][..],
            ),
            (
                crate::stages::stories::STAGE,
                &["placement", "group", "features"][..],
            ),
        ] {
            for kind in kinds {
                for row in store
                    .stage_rows(stage, &StageQuery::Kind(kind.to_string()))
                    .unwrap()
                {
                    out.push((stage.to_string(), row));
                }
            }
        }
        out.sort_by(|a, b| {
            (&a.0, &a.1.kind, a.1.article_id, &a.1.key, &a.1.value).cmp(&(
                &b.0,
                &b.1.kind,
                b.1.article_id,
                &b.1.key,
                &b.1.value,
            ))
        });
        out
    }

    #[test]
    fn prepared_articles_give_the_rows_the_writer_alone_gives() {
        let mut kept = Vec::new();
        for prepare in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = SqliteStore::open(dir.path()).unwrap();
            let mut stages = Stages::new(crate::stages::default_stages().unwrap());
            let pages = pages();
            let preparers = stages.preparers();
            let prepared: Vec<PreparedArticle> = if prepare {
                pages
                    .iter()
                    .flat_map(|page| {
                        page.articles
                            .iter()
                            .map(|a| preparers.prepare(StoredArticle::from_new(0, 0, 0, a, page)))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            // In another order than the store's: matched by content, not position.
            let prepared: Vec<PreparedArticle> = prepared.into_iter().rev().collect();
            let out = store.insert_pages(pages).unwrap();
            assert_eq!(out.articles.len(), 5);
            let input = StageInput {
                articles: &out.articles,
                gone: &[],
                seq: out.seq,
            };
            let matched = if prepare {
                let matched = match_prepared(&out.articles, prepared, stages.len());
                assert!(matched
                    .iter()
                    .all(|by_stage| by_stage.iter().all(Option::is_some)));
                matched
            } else {
                Vec::new()
            };
            let stories = stages
                .process_prepared(&input, matched, &mut store)
                .unwrap();
            assert_eq!(stories.len(), 5);
            let rows = all_rows(&store);
            assert!(rows.iter().any(|(_, r)| r.kind == "group"));
            assert!(rows.iter().any(|(_, r)| r.kind == "entity"));
            kept.push((rows, stories));
        }
        assert_eq!(kept[0], kept[1]);
    }
}
