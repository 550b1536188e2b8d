//! The JSON API: the same fields as the CLI's `--json`, paged with no cap.

use std::ops::ControlFlow;
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use marsad_engine::{ArticleDetail, EntityDetail, StoryView};
use marsad_index::{Hit, SearchRequest};
use marsad_model::Published;
use serde::{Deserialize, Serialize};

use crate::story_cache::{Built, Claim, Lookup, StoryAnswer};
use crate::{ApiError, Shared};

/// Hits or stories per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 20;

/// The query of `/api/search` and of the search page (every field a
/// string, so that a bad value gets a message naming it).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub story: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// The query of `/api/stories` and of the home page.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct StoriesParams {
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// One hit, as a line of `marsad search --json`.
#[derive(Debug, Clone, Serialize)]
pub struct RankedHit {
    pub rank: usize,
    #[serde(flatten)]
    pub hit: Hit,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    pub query: String,
    /// Every match, not only this page.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<RankedHit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoriesResponse {
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub sort: &'static str,
    /// As lines of `marsad stories --json`.
    pub stories: Vec<StoryView>,
}

fn empty_to_none(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_count(name: &str, v: &Option<String>, default: usize) -> Result<usize, ApiError> {
    match empty_to_none(v) {
        None => Ok(default),
        Some(s) => s.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!("{name} must be a whole number ≥ 0, not {s:?}"))
        }),
    }
}

/// A day `YYYY-MM-DD` (ASCII digits only).
fn parse_day(name: &str, v: &Option<String>) -> Result<Option<Published>, ApiError> {
    let Some(s) = empty_to_none(v) else {
        return Ok(None);
    };
    let bad = || ApiError::bad_request(format!("{name} must be a day YYYY-MM-DD, not {s:?}"));
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(bad());
    }
    Published::from_str(s).map(Some).map_err(|_| bad())
}

/// A story id: digits.
pub fn parse_story_id(s: &str) -> Result<u64, ApiError> {
    s.parse::<u64>()
        .map_err(|_| ApiError::bad_request(format!("a story id is a whole number, not {s:?}")))
}

/// An article id: digits.
pub fn parse_article_id(s: &str) -> Result<i64, ApiError> {
    s.parse::<i64>().ok().filter(|&n| n > 0).ok_or_else(|| {
        ApiError::bad_request(format!("an article id is a whole number > 0, not {s:?}"))
    })
}

/// The API takes a parameter given empty as a mistake (the search page's
/// form sends its empty fields, and means "not given").
fn refuse_empty(params: &[(&str, &Option<String>)]) -> Result<(), ApiError> {
    match params
        .iter()
        .find(|(_, v)| v.as_deref().is_some_and(|v| v.trim().is_empty()))
    {
        Some((name, _)) => Err(ApiError::bad_request(format!(
            "{name} is empty (leave it out instead)"
        ))),
        None => Ok(()),
    }
}

impl SearchParams {
    /// [`SearchParams::request`] for the API: no empty values.
    pub fn api_request(&self) -> Result<SearchRequest, ApiError> {
        refuse_empty(&[
            ("from", &self.from),
            ("to", &self.to),
            ("story", &self.story),
            ("limit", &self.limit),
            ("offset", &self.offset),
        ])?;
        self.request()
    }

    /// The engine's request, or a 400 naming the bad field.
    pub fn request(&self) -> Result<SearchRequest, ApiError> {
        // `from` after `to` is no error: no day is in that range, nothing matches.
        let from = parse_day("from", &self.from)?;
        let to = parse_day("to", &self.to)?;
        Ok(SearchRequest {
            query: self.q.clone().unwrap_or_default(),
            outlet: empty_to_none(&self.outlet).map(str::to_string),
            from,
            to,
            story: empty_to_none(&self.story).map(parse_story_id).transpose()?,
            limit: parse_count("limit", &self.limit, DEFAULT_LIMIT)?,
            offset: parse_count("offset", &self.offset, 0)?,
        })
    }
}

/// Run a search with a reader.
pub async fn run_search(app: &Shared, request: SearchRequest) -> Result<SearchResponse, ApiError> {
    app.pool
        .with(move |library| {
            let mut hits = Vec::new();
            let mut rank = request.offset;
            let total = library
                .search_each(&request, |hit| {
                    rank += 1;
                    hits.push(RankedHit { rank, hit });
                    ControlFlow::Continue(())
                })
                .map_err(search_error)?;
            Ok(SearchResponse {
                query: request.query.clone(),
                total,
                offset: request.offset,
                limit: request.limit,
                hits,
            })
        })
        .await?
}

fn search_error(e: marsad_engine::EngineError) -> ApiError {
    match e {
        // No index yet: nothing ingested. Not the client's fault, nor a crash.
        marsad_engine::EngineError::Other(m) => {
            ApiError::new(axum::http::StatusCode::SERVICE_UNAVAILABLE, m)
        }
        e => ApiError::internal(e),
    }
}

pub fn query_error(e: QueryRejection) -> ApiError {
    ApiError::bad_request(format!("bad query string: {}", e.body_text()))
}

pub fn path_error(e: PathRejection) -> ApiError {
    ApiError::bad_request(format!("bad path: {}", e.body_text()))
}

pub async fn search(
    State(app): State<Shared>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    let request = params.api_request()?;
    Ok(Json(run_search(&app, request).await?))
}

impl StoriesParams {
    pub fn sort(&self) -> Result<&'static str, ApiError> {
        match empty_to_none(&self.sort) {
            None | Some("largest") => Ok("largest"),
            Some("latest") => Ok("latest"),
            Some(other) => Err(ApiError::bad_request(format!(
                "sort is largest or latest, not {other:?}"
            ))),
        }
    }
}

/// A page of the catalog.
pub fn stories_page(app: &Shared, params: &StoriesParams) -> Result<StoriesResponse, ApiError> {
    let sort = params.sort()?;
    let limit = parse_count("limit", &params.limit, DEFAULT_LIMIT)?;
    let offset = parse_count("offset", &params.offset, 0)?;
    let catalog = app.catalog();
    let order: Box<dyn Iterator<Item = &StoryView>> = match sort {
        "latest" => Box::new(catalog.latest.iter().map(|&i| &*catalog.largest[i])),
        _ => Box::new(catalog.largest.iter().map(|s| &**s)),
    };
    Ok(StoriesResponse {
        total: catalog.largest.len(),
        offset,
        limit,
        sort,
        stories: order.skip(offset).take(limit).cloned().collect(),
    })
}

pub async fn stories(
    State(app): State<Shared>,
    params: Result<Query<StoriesParams>, QueryRejection>,
) -> Result<Json<StoriesResponse>, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    refuse_empty(&[
        ("sort", &params.sort),
        ("limit", &params.limit),
        ("offset", &params.offset),
    ])?;
    Ok(Json(stories_page(&app, &params)?))
}

/// One story in full, or 404: from the story cache when it holds an
/// answer (a stale one is served while one request rebuilds it behind).
pub async fn load_story(app: &Shared, id: &str) -> Result<Arc<StoryAnswer>, ApiError> {
    let story = parse_story_id(id)?;
    let catalog = app.catalog();
    // The catalog's position, not the store's: a story it lists is fresh while it keeps
    // the same view, and one it does not list yet while it stays the same catalog (it
    // follows the store within its refresh interval). No reader is taken for a kept answer.
    let built = Built {
        store: catalog.seq,
        catalog: catalog.generation,
        view: catalog.view(&story.to_string()).cloned(),
    };
    let looked_up = app.stories.lookup(story, &built);
    match looked_up {
        Lookup::Fresh(detail) => return Ok(detail),
        Lookup::Stale { detail, rebuild } => {
            if rebuild {
                let app = app.clone();
                tokio::spawn(async move {
                    if build_story(&app, story, catalog, built).await.is_err() {
                        app.stories.rebuild_failed(story);
                    }
                });
            }
            return Ok(detail);
        }
        Lookup::Missing => {}
    }
    let not_found = || ApiError::not_found(format!("no story {story}"));
    match app.stories.claim(story) {
        Claim::Build(tx) => {
            // Whatever happens to this request, the next one may build.
            let _built = BuildDone { app, story };
            let detail = build_story(app, story, catalog, built).await?;
            tx.send_replace(detail.clone());
            detail.ok_or_else(not_found)
        }
        Claim::Wait(mut rx) => {
            let answer = rx
                .wait_for(Option::is_some)
                .await
                .ok()
                .and_then(|d| d.clone());
            match answer {
                Some(detail) => Ok(detail),
                // That build failed or found nothing: see for ourselves.
                None => build_story(app, story, catalog, built)
                    .await?
                    .ok_or_else(not_found),
            }
        }
    }
}

/// Marks a story's first build over when dropped.
struct BuildDone<'a> {
    app: &'a Shared,
    story: u64,
}

impl Drop for BuildDone<'_> {
    fn drop(&mut self) {
        self.app.stories.built(self.story);
    }
}

/// Build a story's answer from the store as it is at `built` (or later),
/// and keep it in the cache.
async fn build_story(
    app: &Shared,
    story: u64,
    catalog: Arc<crate::Catalog>,
    built: Built,
) -> Result<Option<Arc<StoryAnswer>>, ApiError> {
    let made_for = app.clone();
    let detail = app
        .pool
        .with(move |library| {
            let detail = library.story_detail(&story.to_string(), Some(&catalog.links))?;
            Ok::<_, marsad_engine::EngineError>(detail.map(|d| {
                // Its JSON and first page are made here too, on the blocking thread: a
                // request then only copies bytes, and never holds a server thread (and
                // every request waiting for the same answer) while a large page renders.
                let answer = StoryAnswer::new(d);
                let _ = answer.json();
                crate::pages::render_first_page(&made_for, &answer);
                Arc::new(answer)
            }))
        })
        .await?
        .map_err(ApiError::internal)?;
    match &detail {
        Some(d) => app.stories.put(story, built, d.clone()),
        None => app.stories.remove(story),
    }
    Ok(detail)
}

pub async fn story(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(path_error)?;
    let answer = load_story(&app, &id).await?;
    let body = answer.json().map_err(ApiError::internal)?;
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static(JSON_TYPE),
        )],
        body,
    )
        .into_response())
}

/// What axum's `Json` answers with, for bodies serialised ahead.
const JSON_TYPE: &str = "application/json";

/// One article in full, or 404.
pub async fn load_article(app: &Shared, id: &str) -> Result<ArticleDetail, ApiError> {
    let id = parse_article_id(id)?;
    app.pool
        .with(move |library| library.article_detail(id))
        .await?
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::not_found(format!("no article {id}")))
}

pub async fn article(
    State(app): State<Shared>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ArticleDetail>, ApiError> {
    let Path(id) = id.map_err(path_error)?;
    Ok(Json(load_article(&app, &id).await?))
}

/// One entity in full, or 404.
pub async fn load_entity(app: &Shared, key: &str) -> Result<EntityDetail, ApiError> {
    if key.trim().is_empty() {
        return Err(ApiError::bad_request("an entity key is not empty"));
    }
    let wanted = key.to_string();
    app.pool
        .with(move |library| library.entity_detail(&wanted))
        .await?
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::not_found(format!("no entity {key}")))
}

pub async fn entity(
    State(app): State<Shared>,
    key: Result<Path<String>, PathRejection>,
) -> Result<Json<EntityDetail>, ApiError> {
    let Path(key) = key.map_err(path_error)?;
    Ok(Json(load_entity(&app, &key).await?))
}
