//! `marsad serve`: the story view an analyst opens every morning.
//!
//! Server-rendered Arabic pages (home, story, article, search, entity) and
//! a JSON API under `/api/` (described by `/api/openapi.json`), both read
//! through the engine's [`Library`], beside any writer: an ingest can run
//! while the server answers, and what it commits shows up within
//! [`ServeOptions::catalog_refresh`] (longer on a large store under a long
//! ingest: [`CATALOG_BUILD_SHARE`]).
//!
//! The router is a library so that tests drive it in-process:
//!
//! ```no_run
//! # async fn demo() -> Result<(), marsad_serve::ServeError> {
//! let app = marsad_serve::App::open(marsad_serve::ServeOptions::new("marsad-data"))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await
//!     .map_err(|e| marsad_serve::ServeError::Bind(e.to_string()))?;
//! marsad_serve::serve(listener, app).await
//! # }
//! ```

mod api;
mod catalog;
mod error;
mod openapi;
mod pages;
mod pool;
mod render;
mod story_cache;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

pub use catalog::Catalog;
pub use error::ApiError;
pub use pool::LibraryPool;

/// Where the Arabic web font is read from: Debian's `fonts-hosny-amiri`.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/opentype/fonts-hosny-amiri";
/// The font files served under `/static/fonts/`.
pub const FONT_FILES: &[&str] = &["Amiri-Regular.ttf", "Amiri-Bold.ttf"];
/// Longest request target (path and query) accepted; longer ones get 414.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Largest request body accepted (the API only reads; bodies are ignored).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The catalog is rebuilt at most one part in this many of the time: after
/// a rebuild that took `t`, the next waits `t × (CATALOG_BUILD_SHARE − 1)`
/// more than [`ServeOptions::catalog_refresh`].
pub const CATALOG_BUILD_SHARE: u32 = 4;

/// How to serve a data folder.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub dir: PathBuf,
    /// Library connections (each a store connection and an index reader);
    /// requests beyond this many at once wait for one.
    pub readers: usize,
    /// A request taking longer is answered 408 (and its work dropped).
    pub request_timeout: Duration,
    /// A client that has not sent its request headers within this time is
    /// disconnected.
    pub header_timeout: Duration,
    /// How often the story list is checked against the store (and rebuilt
    /// when the store has changed; see [`CATALOG_BUILD_SHARE`]).
    pub catalog_refresh: Duration,
    pub font_dir: PathBuf,
}

impl ServeOptions {
    pub fn new(dir: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            dir: dir.into(),
            readers: 8,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            catalog_refresh: Duration::from_secs(2),
            font_dir: PathBuf::from(DEFAULT_FONT_DIR),
        }
    }
}

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open the data folder: {0}")]
    Open(#[from] marsad_engine::EngineError),
    #[error("cannot listen: {0}")]
    Bind(String),
    #[error("{0}")]
    Start(#[from] ApiError),
}

/// What every request shares: the readers, the story catalog and the
/// stories' answers already built.
pub struct App {
    pub(crate) options: ServeOptions,
    pub(crate) pool: LibraryPool,
    pub(crate) catalog: catalog::CatalogCell,
    pub(crate) catalog_source: Arc<catalog::CatalogSource>,
    pub(crate) stories: story_cache::StoryCache,
}

pub(crate) type Shared = Arc<App>;

impl App {
    /// Open the data folder's readers and build the story catalog once.
    pub fn open(options: ServeOptions) -> Result<Shared, ServeError> {
        let pool = LibraryPool::open(&options.dir, options.readers.max(1))?;
        let stories = pool.with_blocking(|library| library.story_catalog())??;
        let catalog = Catalog::of(&stories, 0);
        Ok(Arc::new(App {
            options,
            pool,
            catalog: catalog::CatalogCell::new(catalog),
            catalog_source: Arc::new(catalog::CatalogSource::new(stories)),
            stories: story_cache::StoryCache::default(),
        }))
    }

    /// The catalog as last built.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.catalog.get()
    }

    /// Bring the catalog in step with the store now, if it has moved since
    /// (reading only what the writes since changed).
    pub async fn refresh_catalog(&self) -> Result<bool, ApiError> {
        let generation = self.catalog.get().generation + 1;
        let source = self.catalog_source.clone();
        let made = self
            .pool
            .with(move |library| source.refresh(library, generation))
            .await?
            .map_err(ApiError::internal)?;
        match made {
            Some(c) => {
                self.catalog.set(c);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// The whole application: pages, API, static files, limits.
pub fn router(app: Shared) -> Router {
    let timeout = app.options.request_timeout;
    Router::new()
        .route("/", get(pages::home))
        .route("/stories/{id}", get(pages::story))
        .route("/stories/{id}/quotes", get(pages::story_quotes))
        .route("/articles/{id}", get(pages::article))
        .route("/entities/{key}", get(pages::entity))
        .route("/search", get(pages::search))
        .route("/static/style.css", get(style))
        .route("/static/fonts/{file}", get(font))
        .route("/api/search", get(api::search))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities/{key}", get(api::entity))
        .route("/api/openapi.json", get(openapi::document))
        .fallback(not_found)
        .layer(middleware::from_fn(limit_uri))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            time_limit(timeout, request, next)
        }))
        .with_state(app)
}

/// Serve until the process is stopped (Ctrl-C or SIGTERM), refreshing the
/// catalog in the background.
pub async fn serve(listener: tokio::net::TcpListener, app: Shared) -> Result<(), ServeError> {
    let refresher = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(app.options.catalog_refresh);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let started = tokio::time::Instant::now();
                match app.refresh_catalog().await {
                    // On a large store under a long ingest, rebuilding every
                    // story each tick would keep a core busy: rest for
                    // long enough that rebuilds take at most their share.
                    Ok(true) => {
                        let took = started.elapsed();
                        tokio::time::sleep(took * (CATALOG_BUILD_SHARE - 1)).await;
                    }
                    Ok(false) => {}
                    Err(e) => tracing::warn!("story catalog not refreshed: {e}"),
                }
            }
        })
    };
    let header_timeout = app.options.header_timeout;
    let service = router(app);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(s) => s,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = service.clone();
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let hyper_service = hyper_util::service::TowerToHyperService::new(service);
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_buf_size(64 * 1024)
                .serve_connection(io, hyper_service);
            if let Err(e) = conn.await {
                tracing::debug!("connection: {e}");
            }
        });
    }
    refresher.abort();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// A request past its time gets 408 (as JSON, like every API error).
async fn time_limit(limit: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// Over-long request targets get 414 before any handler parses them.
async fn limit_uri(request: Request, next: Next) -> Response {
    let len = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if len > MAX_URI_BYTES {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("request target of {len} bytes; at most {MAX_URI_BYTES} are accepted"),
        )
        .into_response();
    }
    next.run(request).await
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/api/") || path == "/api" {
        ApiError::new(StatusCode::NOT_FOUND, format!("no such endpoint: {path}")).into_response()
    } else {
        pages::not_found_page(&format!("لا توجد صفحة بهذا العنوان: {path}"))
    }
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        render::STYLE,
    )
        .into_response()
}

async fn font(
    State(app): State<Shared>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    // Only the named files: never a path from the request.
    let Some(name) = FONT_FILES.iter().find(|f| **f == file) else {
        return ApiError::new(StatusCode::NOT_FOUND, format!("no font {file}")).into_response();
    };
    let path = app.options.font_dir.join(name);
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "font/ttf"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(e) => ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "font {} is not installed ({e}; Debian package fonts-hosny-amiri)",
                path.display()
            ),
        )
        .into_response(),
    }
}
