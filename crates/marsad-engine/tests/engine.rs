//! The engine through its public interface: the data folder lock, analysis
//! stages plugged in and caught up, and the index kept in step with the store.

use std::sync::{Arc, Mutex};

use marsad_engine::{
    Counters, Engine, EngineError, EngineOptions, IngestOptions, Stage, StageError, StageInput,
};
use marsad_index::{CommitMeta, Index};
use marsad_store::{StageQuery, StageRow, Store, StoreError};
use tempfile::TempDir;

/// Notices said by the engine, for assertions.
#[derive(Clone, Default)]
struct Said(Arc<Mutex<Vec<String>>>);

impl Said {
    fn options(&self, dir: &std::path::Path) -> EngineOptions {
        let mut opts = EngineOptions::new(dir);
        let said = self.clone();
        opts.notice = Arc::new(move |m| said.0.lock().unwrap().push(m.to_string()));
        opts
    }
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// Records of a JSON Lines corpus, `n` of them.
fn corpus(dir: &std::path::Path, from: usize, n: usize) -> String {
    let path = dir.join(format!("records-{from}.jsonl"));
    let mut s = String::new();
    for i in from..from + n {
        s.push_str(
            &serde_json::json!({
                "title": format!("خبر رقم {i}"),
                "text": format!("قال المتحدث باسم الوزارة إن الاجتماع رقم {i} ناقش ملفات عدة في صنعاء."),
                "url": format!("https://news.example/{i}"),
                "outlet": "سبأ",
            })
            .to_string(),
        );
        s.push('\n');
    }
    std::fs::write(&path, s).unwrap();
    path.display().to_string()
}

/// A stage that keeps one row per article: how many words its text has.
struct WordCount {
    version: u32,
    calls: Arc<Mutex<usize>>,
}

impl Stage for WordCount {
    fn name(&self) -> &str {
        "word-count"
    }
    fn version(&self) -> u32 {
        self.version
    }
    fn process(
        &mut self,
        input: &StageInput<'_>,
        _: &dyn Store,
    ) -> Result<Vec<StageRow>, StageError> {
        *self.calls.lock().unwrap() += 1;
        Ok(input
            .articles
            .iter()
            .map(|a| StageRow {
                kind: "words".into(),
                key: a.text.split_whitespace().count().to_string(),
                article_id: Some(a.id),
                value: "{}".into(),
            })
            .collect())
    }
}

fn ingest(engine: &mut Engine, inputs: &[String]) {
    let report = engine
        .ingest(inputs, &IngestOptions::default(), &Counters::default())
        .unwrap();
    assert_eq!(report.errors, 0);
}

fn index_ids(dir: &std::path::Path) -> Vec<i64> {
    Index::open(dir.join("index"))
        .unwrap()
        .article_ids()
        .unwrap()
}

fn live_ids(store: &dyn Store) -> Vec<i64> {
    let mut ids = Vec::new();
    marsad_store::for_each_live_article(store, 100, |b| {
        ids.extend(b.iter().map(|a| a.id));
        Ok(())
    })
    .unwrap();
    ids
}

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_folder() {
    let dir = TempDir::new().unwrap();
    let said = Said::default();
    let first = Engine::open(said.options(dir.path())).unwrap();
    let second = Engine::open(said.options(dir.path()));
    let err = second.err().expect("a second writer is refused");
    assert!(matches!(err, EngineError::Locked(_)), "{err}");
    assert!(err.to_string().contains("another marsad process"), "{err}");
    drop(first);
    Engine::open(said.options(dir.path())).expect("free again once the first is gone");
}

#[test]
fn a_stage_sees_every_article_and_is_caught_up_or_rerun_when_opened() {
    let dir = TempDir::new().unwrap();
    let said = Said::default();
    let calls = Arc::new(Mutex::new(0));
    let stage = |version| -> Vec<Box<dyn Stage>> {
        vec![Box::new(WordCount {
            version,
            calls: Arc::clone(&calls),
        })]
    };
    let mut opts = said.options(dir.path());
    opts.stages = stage(1);
    let mut engine = Engine::open(opts).unwrap();
    ingest(&mut engine, &[corpus(dir.path(), 0, 30)]);
    let rows = engine
        .store()
        .stage_rows("word-count", &StageQuery::Kind("words".into()))
        .unwrap();
    assert_eq!(rows.len(), 30);
    let seq = engine.store().seq().unwrap();
    assert_eq!(
        engine
            .store()
            .stage_progress("word-count")
            .unwrap()
            .map(|p| p.seq),
        Some(seq)
    );
    engine.close().unwrap();

    // Articles stored while the stage was not there: it catches up when it is.
    let mut engine = Engine::open(said.options(dir.path())).unwrap();
    ingest(&mut engine, &[corpus(dir.path(), 100, 5)]);
    engine.close().unwrap();
    let mut opts = said.options(dir.path());
    opts.stages = stage(1);
    let engine = Engine::open(opts).unwrap();
    assert!(
        said.lines()
            .iter()
            .any(|l| l.contains("stage word-count is behind the store")),
        "{:?}",
        said.lines()
    );
    let rows = engine
        .store()
        .stage_rows("word-count", &StageQuery::Kind("words".into()))
        .unwrap();
    assert_eq!(rows.len(), 35);
    drop(engine);

    // A new version of the stage runs again over everything.
    let mut opts = said.options(dir.path());
    opts.stages = stage(2);
    let engine = Engine::open(opts).unwrap();
    assert!(said
        .lines()
        .iter()
        .any(|l| l.contains("stage word-count changed")));
    let rows = engine
        .store()
        .stage_rows("word-count", &StageQuery::Kind("words".into()))
        .unwrap();
    assert_eq!(rows.len(), 35, "replaced, not added to");
    assert_eq!(
        engine
            .store()
            .stage_progress("word-count")
            .unwrap()
            .unwrap()
            .version,
        2
    );
}

#[test]
fn an_index_behind_the_store_or_from_another_analyzer_is_brought_in_step() {
    let dir = TempDir::new().unwrap();
    let said = Said::default();
    let mut engine = Engine::open(said.options(dir.path())).unwrap();
    ingest(&mut engine, &[corpus(dir.path(), 0, 20)]);
    let seq = engine.store().seq().unwrap();
    engine.close().unwrap();
    assert_eq!(index_ids(dir.path()).len(), 20);
    let meta = Index::open(dir.path().join("index"))
        .unwrap()
        .commit_meta()
        .unwrap();
    assert_eq!(
        meta,
        Some(CommitMeta {
            seq,
            analyzer: marsad_index::ANALYZER_VERSION
        })
    );

    // Pretend a run was killed after its store commit: the index says it is one write behind.
    {
        let index = Index::open(dir.path().join("index")).unwrap();
        let mut w = index.writer(20_000_000).unwrap();
        for id in 15..=20 {
            w.delete(id);
        }
        w.commit_with_meta(CommitMeta {
            seq: seq - 1,
            analyzer: marsad_index::ANALYZER_VERSION,
        })
        .unwrap();
    }
    let engine = Engine::open(said.options(dir.path())).unwrap();
    assert!(
        said.lines()
            .iter()
            .any(|l| l.contains("behind the store") && l.contains("catching up")),
        "{:?}",
        said.lines()
    );
    drop(engine);
    assert_eq!(index_ids(dir.path()), (1..=20).collect::<Vec<_>>());

    // An index built by another analyzer version is rebuilt.
    {
        let index = Index::open(dir.path().join("index")).unwrap();
        let mut w = index.writer(20_000_000).unwrap();
        w.delete_all().unwrap();
        w.commit_with_meta(CommitMeta {
            seq,
            analyzer: marsad_index::ANALYZER_VERSION + 1,
        })
        .unwrap();
    }
    let engine = Engine::open(said.options(dir.path())).unwrap();
    assert!(said
        .lines()
        .iter()
        .any(|l| l.contains("analyzer version") && l.contains("rebuilding")));
    assert_eq!(index_ids(dir.path()), live_ids(engine.store()));
}

#[test]
fn a_missing_store_is_an_error_naming_the_folder() {
    let dir = TempDir::new().unwrap();
    let err = Engine::open_existing(EngineOptions::new(dir.path().join("none")))
        .err()
        .expect("no store");
    assert!(
        matches!(err, EngineError::Store(StoreError::Missing(_))),
        "{err}"
    );
    assert!(err.to_string().contains("none"), "{err}");
}
