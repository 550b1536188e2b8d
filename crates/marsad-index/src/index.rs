//! Opening, writing and searching the index.

use std::ops::{Bound, ControlFlow};
use std::path::{Path, PathBuf};

use marsad_model::Published;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{
    DocAddress, IndexBuilder, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher,
    TantivyDocument, TantivyError, Term,
};

use crate::analysis::{
    base_analyzer, skeleton_analyzer, stem_analyzer, BASE_ANALYZER, SKELETON_ANALYZER,
    STEM_ANALYZER,
};
use crate::query::{parse_query, Analyzed, QueryBuilder};
use crate::schema::{self, build_schema, outlet_key, Fields, PUBLISHED_DAYS};
use crate::settings::{Boosts, BOOSTS, MIN_HEAP_PER_THREAD};
use crate::snippet::{lead, Highlighter};
use crate::variants::Lexicon;

/// Errors of the index. Each names the index folder when there is one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot create the index folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the index in {path} was built with another schema (an older marsad?); \
         delete the folder and rebuild it"
    )]
    SchemaMismatch { path: PathBuf },
    #[error("no index in {path}")]
    Missing { path: PathBuf },
    #[error("cannot open the index in {path}: {source}")]
    Open { path: PathBuf, source: TantivyError },
    #[error("index {what}: {source}")]
    Tantivy {
        what: &'static str,
        source: TantivyError,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn err(what: &'static str) -> impl FnOnce(TantivyError) -> Error {
    move |source| Error::Tantivy { what, source }
}

/// One article to index. Borrowed, so that callers index straight from their own records.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndexDoc<'a> {
    pub article_id: i64,
    pub title: Option<&'a str>,
    pub subtitle: Option<&'a str>,
    pub text: &'a str,
    pub outlet: Option<&'a str>,
    pub published: Option<Published>,
    pub url: Option<&'a str>,
    /// Where the article was read from (file, WARC record).
    pub source: Option<&'a str>,
    /// The story the article belongs to, once stories exist.
    pub story: Option<u64>,
}

/// What to search for. `from` and `to` are inclusive days (the time of day is ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query text; see [`crate::query`] for the syntax. Empty: every article that passes
    /// the filters, newest first.
    pub query: String,
    /// Outlet name; compared in the matching form (letter variants and case do not matter).
    pub outlet: Option<String>,
    pub from: Option<Published>,
    pub to: Option<Published>,
    pub story: Option<u64>,
    /// Hits to return. There is no cap: a large limit exports every match.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            outlet: None,
            from: None,
            to: None,
            story: None,
            limit: 20,
            offset: 0,
        }
    }
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }
}

/// One matching article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub article_id: i64,
    /// BM25 with field weights; 0 for an empty query (date order).
    pub score: f32,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Published>,
    pub url: Option<String>,
    /// Where the article was read from (file, WARC record, corpus record).
    pub source: Option<String>,
    /// The story the article belongs to, once stories exist.
    pub story: Option<u64>,
    /// One line of the text around the best match, matches wrapped in `[[` `]]`
    /// ([`crate::HIGHLIGHT_START`], [`crate::HIGHLIGHT_END`]), `…` where the text was cut.
    /// When the match is only in the title, the opening of the text without marks.
    pub snippet: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResults {
    /// All matches, not only the returned page.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// What an index commit records about the store it follows: the store's
/// sequence number it has caught up with, and the analyzer that built it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CommitMeta {
    pub seq: u64,
    pub analyzer: u32,
}

/// The full-text index of articles: a tantivy index in one folder.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    boosts: Boosts,
}

fn tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(BASE_ANALYZER, base_analyzer());
    manager.register(STEM_ANALYZER, stem_analyzer());
    manager.register(SKELETON_ANALYZER, skeleton_analyzer());
    manager
}

impl Index {
    /// Opens the index in `dir`, or creates an empty one (and the folder).
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index> {
        let path = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&path).map_err(|source| Error::CreateDir {
            path: path.clone(),
            source,
        })?;
        let directory = MmapDirectory::open(&path).map_err(|e| Error::Open {
            path: path.clone(),
            source: e.into(),
        })?;
        let (schema, fields) = build_schema();
        let index = IndexBuilder::new()
            .schema(schema)
            .tokenizers(tokenizers())
            .open_or_create(directory)
            .map_err(|source| match source {
                TantivyError::SchemaError(_) => Error::SchemaMismatch { path: path.clone() },
                source => Error::Open {
                    path: path.clone(),
                    source,
                },
            })?;
        Index::with(index, fields)
    }

    /// Opens an existing index; [`Error::Missing`] if `dir` holds none.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let path = dir.as_ref().to_path_buf();
        let exists = MmapDirectory::open(&path)
            .ok()
            .is_some_and(|d| tantivy::Index::exists(&d).unwrap_or(false));
        if !exists {
            return Err(Error::Missing { path });
        }
        Index::open_or_create(path)
    }

    /// An index in memory, for tests.
    pub fn create_in_ram() -> Result<Index> {
        let (schema, fields) = build_schema();
        let index = IndexBuilder::new()
            .schema(schema)
            .tokenizers(tokenizers())
            .create_in_ram()
            .map_err(err("create in memory"))?;
        Index::with(index, fields)
    }

    fn with(index: tantivy::Index, fields: Fields) -> Result<Index> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err("open reader"))?;
        Ok(Index {
            index,
            reader,
            fields,
            boosts: BOOSTS,
        })
    }

    /// Replaces the field weights (for tuning experiments).
    pub fn set_boosts(&mut self, boosts: Boosts) {
        self.boosts = boosts;
    }

    /// A writer using about `heap_bytes` of memory for its buffers (raised to tantivy's minimum
    /// of 15 MB per indexing thread; one thread per 15 MB, at most one per core). Only one
    /// writer may be open on an index at a time, across processes.
    pub fn writer(&self, heap_bytes: usize) -> Result<Writer> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = (heap_bytes / MIN_HEAP_PER_THREAD).clamp(1, cores.min(8));
        let heap = heap_bytes.max(threads * MIN_HEAP_PER_THREAD);
        let writer = self
            .index
            .writer_with_num_threads(threads, heap)
            .map_err(err("open writer"))?;
        Ok(Writer {
            writer,
            reader: self.reader.clone(),
            fields: self.fields,
        })
    }

    /// What the last commit recorded; `None` for an index that was never
    /// committed with it (empty, or built by a marsad before it existed).
    pub fn commit_meta(&self) -> Result<Option<CommitMeta>> {
        let metas = self.index.load_metas().map_err(err("read commit"))?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok()))
    }

    /// The ids of every article in the index (as of the last commit), sorted.
    pub fn article_ids(&self) -> Result<Vec<i64>> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::with_capacity(searcher.num_docs() as usize);
        for segment in searcher.segment_readers() {
            let column = segment
                .fast_fields()
                .i64(schema::ID)
                .map_err(err("read ids"))?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    ids.extend(column.first(doc));
                }
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// Articles in the index (as of the last commit).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Picks up commits made by other writers (another process) since this index was opened.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(err("reload"))
    }

    /// Searches; see [`SearchRequest`] and [`crate::query`].
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let mut hits = Vec::new();
        let total = self.search_each(request, |hit| {
            hits.push(hit);
            ControlFlow::Continue(())
        })?;
        Ok(SearchResults { total, hits })
    }

    /// Like [`Index::search`], but hands each hit to `each` as soon as its snippet is made, so
    /// that a large export needs no memory for the hits and a consumer can stop early
    /// (`ControlFlow::Break`). Returns the total number of matches.
    pub fn search_each(
        &self,
        request: &SearchRequest,
        mut each: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> Result<usize> {
        let searcher = self.reader.searcher();
        let analyzed = Analyzed::new(&parse_query(&request.query));
        let mut lexicon = Lexicon::new(&searcher, &self.fields);
        let mut builder = QueryBuilder {
            fields: &self.fields,
            boosts: self.boosts,
            lexicon: &mut lexicon,
            highlights: Vec::new(),
            item: 0,
        };
        let mut clauses = builder.build(&analyzed).map_err(err("look up variants"))?;
        let highlights = std::mem::take(&mut builder.highlights);
        let ranked = !analyzed.required.is_empty();
        if !ranked {
            // Nothing required: every article that passes the filters, newest first.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(self.filters(request));
        let query = BooleanQuery::new(clauses);

        let num_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = request.limit.min(num_docs.saturating_sub(request.offset));
        let (total, page): (usize, Vec<(f32, DocAddress)>) = if limit == 0 {
            (
                searcher.search(&query, &Count).map_err(err("search"))?,
                Vec::new(),
            )
        } else if ranked {
            let top = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_score();
            searcher
                .search(&query, &(Count, top))
                .map_err(err("search"))?
        } else {
            let top = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_fast_field::<i64>(PUBLISHED_DAYS, Order::Desc);
            let (total, page) = searcher
                .search(&query, &(Count, top))
                .map_err(err("search"))?;
            (total, page.into_iter().map(|(_, a)| (0.0, a)).collect())
        };
        if page.is_empty() {
            return Ok(total);
        }
        let highlighter = Highlighter::new(&searcher, &self.fields, &highlights)
            .map_err(err("prepare snippets"))?;
        for (score, address) in page {
            let hit = self.hit(&searcher, &highlighter, score, address)?;
            if each(hit).is_break() {
                break;
            }
        }
        Ok(total)
    }

    fn filters(&self, request: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(outlet) = &request.outlet {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(f.outlet_key, &outlet_key(outlet)),
                IndexRecordOption::Basic,
            )));
        }
        if request.from.is_some() || request.to.is_some() {
            let bound = |p: Option<Published>| match p {
                Some(p) => {
                    Bound::Included(Term::from_field_i64(f.published_days, p.days_from_epoch()))
                }
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(
                bound(request.from),
                bound(request.to),
            )));
        }
        if let Some(story) = request.story {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_u64(f.story, story),
                IndexRecordOption::Basic,
            )));
        }
        // Filters select; they do not score.
        filters
            .into_iter()
            .map(|q| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>,
                )
            })
            .collect()
    }

    fn hit(
        &self,
        searcher: &Searcher,
        highlighter: &Highlighter,
        score: f32,
        address: DocAddress,
    ) -> Result<Hit> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address).map_err(err("read document"))?;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        let text = text_of(f.text).unwrap_or_default();
        let subtitle = text_of(f.subtitle);
        let snippet = highlighter
            .snippet(&text)
            .or_else(|| subtitle.as_deref().and_then(|s| highlighter.snippet(s)))
            .unwrap_or_else(|| {
                lead(if text.trim().is_empty() {
                    subtitle.as_deref().unwrap_or("")
                } else {
                    &text
                })
            });
        Ok(Hit {
            article_id: doc
                .get_first(f.id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
            score,
            title: text_of(f.title),
            outlet: text_of(f.outlet),
            published: text_of(f.published).and_then(|p| p.parse().ok()),
            url: text_of(f.url),
            source: text_of(f.source),
            story: doc.get_first(f.story).and_then(|v| v.as_u64()),
            snippet,
        })
    }
}

/// Adds and deletes articles. Changes are visible to searches after [`Writer::commit`].
pub struct Writer {
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
}

impl Writer {
    /// Adds an article. It does not replace one with the same id: see [`Writer::upsert`].
    pub fn add(&mut self, doc: &IndexDoc<'_>) -> Result<()> {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_i64(f.id, doc.article_id);
        for (field, value) in [(f.title, doc.title), (f.subtitle, doc.subtitle)] {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                d.add_text(field, v);
            }
        }
        d.add_text(f.text, doc.text);
        for value in [doc.title, doc.subtitle, Some(doc.text)]
            .into_iter()
            .flatten()
        {
            if !value.trim().is_empty() {
                d.add_text(f.stem, value);
                d.add_text(f.skel, value);
            }
        }
        if let Some(outlet) = doc.outlet.filter(|o| !o.trim().is_empty()) {
            d.add_text(f.outlet, outlet);
            d.add_text(f.outlet_key, outlet_key(outlet));
        }
        if let Some(p) = doc.published {
            d.add_text(f.published, p.to_string());
            d.add_i64(f.published_days, p.days_from_epoch());
        }
        if let Some(url) = doc.url {
            d.add_text(f.url, url);
        }
        if let Some(source) = doc.source {
            d.add_text(f.source, source);
        }
        if let Some(story) = doc.story {
            d.add_u64(f.story, story);
        }
        self.writer.add_document(d).map_err(err("add document"))?;
        Ok(())
    }

    /// Replaces the article with this id, if any, by `doc`.
    pub fn upsert(&mut self, doc: &IndexDoc<'_>) -> Result<()> {
        self.delete(doc.article_id);
        self.add(doc)
    }

    /// Deletes the article with this id (at the next commit).
    pub fn delete(&mut self, article_id: i64) {
        self.writer
            .delete_term(Term::from_field_i64(self.fields.id, article_id));
    }

    /// Deletes every article (at the next commit), to rebuild from the store.
    pub fn delete_all(&mut self) -> Result<()> {
        self.writer
            .delete_all_documents()
            .map_err(err("delete all"))?;
        Ok(())
    }

    /// Makes the changes durable and visible to this process's searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(err("commit"))?;
        self.reader.reload().map_err(err("reload"))
    }

    /// Commits, recording that the index now holds the store up to `seq`
    /// (see [`Index::commit_meta`]); the analyzer version is recorded too.
    pub fn commit_at(&mut self, seq: u64) -> Result<()> {
        self.commit_with_meta(CommitMeta {
            seq,
            analyzer: crate::analysis::ANALYZER_VERSION,
        })
    }

    /// Commits recording `meta` as given (tests of what reads it).
    #[doc(hidden)]
    pub fn commit_with_meta(&mut self, meta: CommitMeta) -> Result<()> {
        let payload = serde_json::to_string(&meta).unwrap_or_default();
        let mut prepared = self.writer.prepare_commit().map_err(err("commit"))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(err("commit"))?;
        self.reader.reload().map_err(err("reload"))
    }

    /// Commits at `seq` ([`Writer::commit_at`]) and waits for background
    /// segment merges to end.
    pub fn finish_at(mut self, seq: u64) -> Result<()> {
        self.commit_at(seq)?;
        self.writer
            .wait_merging_threads()
            .map_err(err("merge segments"))?;
        self.reader.reload().map_err(err("reload"))
    }

    /// Commits and waits for background segment merges to end.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(err("merge segments"))?;
        self.reader.reload().map_err(err("reload"))
    }
}
