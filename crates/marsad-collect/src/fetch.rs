//! Polite HTTP: robots.txt, a per-host delay and concurrency limit, a total
//! concurrency limit, conditional requests, back-off on 429/5xx honouring
//! `Retry-After`, redirects followed by hand (each hop checked against
//! robots.txt, the outlet's domains and loops), a time limit per request and
//! a size limit per response.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::StatusCode;
use tokio::sync::{OnceCell, Semaphore};
use tokio::time::Instant;
use url::Url;

use crate::config::{Politeness, ROBOTS_AGENT};
use crate::state::{RobotsCopy, Validators};
use crate::warc::Exchange;

/// Why a URL was not fetched. [`Failure::kind`] groups them in summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// robots.txt forbids the path to marsad.
    Robots,
    /// robots.txt could not be read (5xx, timeout): RFC 9309 says stay away.
    RobotsUnavailable(String),
    Timeout,
    /// The answer is larger than the configured limit.
    TooLarge {
        limit: u64,
    },
    RedirectLoop,
    TooManyRedirects {
        limit: usize,
    },
    /// A redirect to a host outside the outlet's domains.
    OffDomain(String),
    /// A final answer that is not a page (404, 410, 403…).
    Status(u16),
    /// 429 or 5xx still after every retry, or with a `Retry-After` longer than allowed.
    GaveUp {
        status: u16,
        detail: String,
    },
    /// Connecting or reading failed (refused, reset, DNS).
    Connection(String),
    BadUrl(String),
    /// The pass was interrupted before this request started.
    Interrupted,
}

impl Failure {
    /// The group this failure is counted under.
    pub fn kind(&self) -> String {
        match self {
            Failure::Robots => "forbidden by robots.txt".into(),
            Failure::RobotsUnavailable(_) => "robots.txt unavailable".into(),
            Failure::Timeout => "timed out".into(),
            Failure::TooLarge { .. } => "too large".into(),
            Failure::RedirectLoop => "redirect loop".into(),
            Failure::TooManyRedirects { .. } => "too many redirects".into(),
            Failure::OffDomain(_) => "redirect off the outlet's domains".into(),
            Failure::Status(s) => format!("HTTP {s}"),
            Failure::GaveUp { status, .. } => format!("HTTP {status} after retries"),
            Failure::Connection(_) => "connection failed".into(),
            Failure::BadUrl(_) => "bad URL".into(),
            Failure::Interrupted => "interrupted".into(),
        }
    }

    /// Worth trying again at the next pass (the site may be better then).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Failure::RobotsUnavailable(_)
                | Failure::Timeout
                | Failure::GaveUp { .. }
                | Failure::Connection(_)
                | Failure::Interrupted
        )
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::RobotsUnavailable(why) => write!(f, "robots.txt unavailable ({why})"),
            Failure::TooLarge { limit } => write!(f, "too large (over {limit} bytes)"),
            Failure::TooManyRedirects { limit } => write!(f, "more than {limit} redirects"),
            Failure::OffDomain(to) => write!(f, "redirect off the outlet's domains, to {to}"),
            Failure::GaveUp { status, detail } => write!(f, "HTTP {status}: {detail}"),
            Failure::Connection(why) => write!(f, "connection failed: {why}"),
            Failure::BadUrl(why) => write!(f, "bad URL: {why}"),
            other => f.write_str(&other.kind()),
        }
    }
}

/// A successful answer.
#[derive(Debug)]
pub enum Outcome {
    /// 2xx: the body, and every exchange on the way (redirect hops first).
    Fetched(Fetched),
    /// 304: the validators still hold.
    NotModified,
}

#[derive(Debug)]
pub struct Fetched {
    pub final_url: Url,
    pub body: Vec<u8>,
    pub validators: Validators,
    pub exchanges: Vec<Exchange>,
}

/// What robots.txt says for one origin.
enum Robots {
    AllowAll,
    Rules(Box<texting_robots::Robot>),
    Unavailable(String),
}

/// Politeness towards one origin (scheme, host, port).
struct Host {
    permits: Semaphore,
    /// When the next request to this host may start.
    next_start: Mutex<Instant>,
    delay: Mutex<Duration>,
    robots: OnceCell<Robots>,
}

/// The HTTP side of a pass.
pub struct Fetcher {
    client: reqwest::Client,
    politeness: Politeness,
    user_agent: HeaderValue,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    all: Semaphore,
    /// robots.txt copies from the last pass (read) and this one (written).
    robots_copies: Mutex<HashMap<String, RobotsCopy>>,
    requests: std::sync::atomic::AtomicU64,
    /// Set to stop: requests not yet started fail as [`Failure::Interrupted`].
    stop: Arc<std::sync::atomic::AtomicBool>,
}

/// One answer off the wire, before redirects and status are judged.
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    exchange: Exchange,
}

impl Fetcher {
    pub fn new(
        politeness: &Politeness,
        user_agent: &str,
        robots_copies: HashMap<String, RobotsCopy>,
        stop: Arc<std::sync::atomic::AtomicBool>,
    ) -> Result<Fetcher, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(politeness.timeout)
            .connect_timeout(politeness.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| format!("user-agent {user_agent:?} is not a valid header"))?;
        Ok(Fetcher {
            client,
            politeness: politeness.clone(),
            user_agent,
            hosts: Mutex::new(HashMap::new()),
            all: Semaphore::new(politeness.concurrency),
            robots_copies: Mutex::new(robots_copies),
            requests: Default::default(),
            stop,
        })
    }

    /// Requests sent so far (retries and redirect hops included).
    pub fn requests(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The robots.txt copies to remember for the next pass.
    pub fn robots_copies(&self) -> HashMap<String, RobotsCopy> {
        self.robots_copies
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default()
    }

    /// GET `url` politely. `validators` make the request conditional;
    /// `allowed` says whether a redirect target belongs to the outlet.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
        allowed: &(dyn Fn(&Url) -> bool + Sync),
    ) -> Result<Outcome, Failure> {
        let mut url = url.clone();
        let mut seen = HashSet::new();
        let mut exchanges = Vec::new();
        let no_validators = Validators::default();
        let mut validators = Some(validators);
        loop {
            seen.insert(url.to_string());
            let host = self.host(&url)?;
            let robots = host
                .robots
                .get_or_init(|| self.read_robots(&host, &url))
                .await;
            match robots {
                Robots::AllowAll => {}
                Robots::Rules(rules) => {
                    if !rules.allowed(url.as_str()) {
                        return Err(Failure::Robots);
                    }
                }
                Robots::Unavailable(why) => return Err(Failure::RobotsUnavailable(why.clone())),
            }
            let raw = self
                .with_retries(&host, &url, validators.take().unwrap_or(&no_validators))
                .await?;
            let status = raw.status;
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let target = location(&raw.headers, &url)?;
                exchanges.push(raw.exchange);
                if seen.contains(target.as_str()) {
                    return Err(Failure::RedirectLoop);
                }
                if seen.len() > self.politeness.max_redirects {
                    return Err(Failure::TooManyRedirects {
                        limit: self.politeness.max_redirects,
                    });
                }
                if !allowed(&target) {
                    return Err(Failure::OffDomain(target.to_string()));
                }
                url = target;
                continue;
            }
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Outcome::NotModified);
            }
            if !status.is_success() {
                return Err(Failure::Status(status.as_u16()));
            }
            let validators = validators_of(&raw.headers);
            exchanges.push(raw.exchange);
            return Ok(Outcome::Fetched(Fetched {
                final_url: url,
                body: raw.body,
                validators,
                exchanges,
            }));
        }
    }

    fn host(&self, url: &Url) -> Result<Arc<Host>, Failure> {
        let origin = origin(url)?;
        let mut hosts = self
            .hosts
            .lock()
            .map_err(|_| Failure::Connection("internal lock poisoned".into()))?;
        Ok(Arc::clone(hosts.entry(origin).or_insert_with(|| {
            Arc::new(Host {
                permits: Semaphore::new(self.politeness.per_host),
                next_start: Mutex::new(Instant::now()),
                delay: Mutex::new(self.politeness.delay),
                robots: OnceCell::new(),
            })
        })))
    }

    /// Read (or revalidate) robots.txt of `url`'s origin.
    async fn read_robots(&self, host: &Host, url: &Url) -> Robots {
        let Ok(origin) = origin(url) else {
            return Robots::AllowAll;
        };
        let Ok(robots_url) = Url::parse(&format!("{origin}/robots.txt")) else {
            return Robots::AllowAll;
        };
        let copy = self
            .robots_copies
            .lock()
            .ok()
            .and_then(|m| m.get(&origin).cloned());
        let validators = copy
            .as_ref()
            .map(|c| c.validators.clone())
            .unwrap_or_default();
        let mut target = robots_url;
        let mut hops = 0;
        let body = loop {
            let raw = match self.with_retries(host, &target, &validators).await {
                Ok(raw) => raw,
                Err(f) => return Robots::Unavailable(f.to_string()),
            };
            let status = raw.status;
            if status == StatusCode::NOT_MODIFIED {
                match copy {
                    Some(c) => break c.body.into_bytes(),
                    None => return Robots::AllowAll,
                }
            }
            if status.is_redirection() && hops < self.politeness.max_redirects {
                hops += 1;
                match location(&raw.headers, &target) {
                    Ok(next) => {
                        target = next;
                        continue;
                    }
                    Err(_) => return Robots::AllowAll,
                }
            }
            if status.is_success() {
                if let Ok(mut m) = self.robots_copies.lock() {
                    m.insert(
                        origin.clone(),
                        RobotsCopy {
                            validators: validators_of(&raw.headers),
                            body: String::from_utf8_lossy(&raw.body).into_owned(),
                        },
                    );
                }
                break raw.body;
            }
            if status.is_server_error() {
                return Robots::Unavailable(format!("HTTP {}", status.as_u16()));
            }
            // 4xx (and redirects past the limit): no rules, all allowed.
            if let Ok(mut m) = self.robots_copies.lock() {
                m.remove(&origin);
            }
            return Robots::AllowAll;
        };
        match texting_robots::Robot::new(ROBOTS_AGENT, &body) {
            Ok(rules) => {
                if let Some(secs) = rules.delay.filter(|d| d.is_finite() && *d > 0.0) {
                    let crawl_delay = Duration::from_secs_f32(secs.min(600.0));
                    if let Ok(mut d) = host.delay.lock() {
                        *d = (*d).max(crawl_delay);
                    }
                }
                Robots::Rules(Box::new(rules))
            }
            // Unparseable rules are no rules (as the major crawlers do).
            Err(_) => Robots::AllowAll,
        }
    }

    /// One request, tried again on 429 and 5xx after a back-off.
    async fn with_retries(
        &self,
        host: &Host,
        url: &Url,
        validators: &Validators,
    ) -> Result<Raw, Failure> {
        let mut attempt = 0u32;
        loop {
            let raw = self.once(host, url, validators).await?;
            let status = raw.status;
            let retryable = status == StatusCode::TOO_MANY_REQUESTS
                || matches!(status.as_u16(), 500 | 502 | 503 | 504);
            if !retryable {
                return Ok(raw);
            }
            if attempt >= self.politeness.retries {
                return Err(Failure::GaveUp {
                    status: status.as_u16(),
                    detail: format!("still after {} tries", attempt + 1),
                });
            }
            let wait = retry_after(&raw.headers, Utc::now()).unwrap_or_else(|| {
                self.politeness
                    .backoff
                    .saturating_mul(2u32.saturating_pow(attempt))
            });
            if wait > self.politeness.max_wait {
                return Err(Failure::GaveUp {
                    status: status.as_u16(),
                    detail: format!(
                        "asked to wait {} s, more than the {} s allowed",
                        wait.as_secs(),
                        self.politeness.max_wait.as_secs()
                    ),
                });
            }
            // The whole host waits, not only this request.
            if let Ok(mut next) = host.next_start.lock() {
                *next = (*next).max(Instant::now() + wait);
            }
            attempt += 1;
        }
    }

    /// One request: a host permit, the host's delay, a global permit, then
    /// the request and its body up to the size limit.
    async fn once(&self, host: &Host, url: &Url, validators: &Validators) -> Result<Raw, Failure> {
        let _host_permit = host
            .permits
            .acquire()
            .await
            .map_err(|_| Failure::Connection("host closed".into()))?;
        let start = {
            let delay = host.delay.lock().map(|d| *d).unwrap_or_default();
            let mut next = host
                .next_start
                .lock()
                .map_err(|_| Failure::Connection("internal lock poisoned".into()))?;
            let start = (*next).max(Instant::now());
            *next = start + delay;
            start
        };
        tokio::time::sleep_until(start).await;
        let _permit = self
            .all
            .acquire()
            .await
            .map_err(|_| Failure::Connection("collector closed".into()))?;
        if self.stop.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(Failure::Interrupted);
        }

        let mut headers = HeaderMap::new();
        headers.insert(header::USER_AGENT, self.user_agent.clone());
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            ),
        );
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("ar,en;q=0.5"),
        );
        if let Some(v) = validators.etag.as_deref().and_then(|v| v.parse().ok()) {
            headers.insert(header::IF_NONE_MATCH, v);
        }
        if let Some(v) = validators
            .last_modified
            .as_deref()
            .and_then(|v| v.parse().ok())
        {
            headers.insert(header::IF_MODIFIED_SINCE, v);
        }
        let date = Utc::now();
        let request_head = request_head(url, &headers);
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut response = self
            .client
            .get(url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(request_failure)?;
        let limit = self.politeness.max_bytes;
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(Failure::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(request_failure)? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(Failure::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        let status = response.status();
        let headers = response.headers().clone();
        let exchange = Exchange {
            url: url.to_string(),
            date,
            request_head,
            response_head: response_head(response.version(), status, &headers),
            body: body.clone(),
        };
        Ok(Raw {
            status,
            headers,
            body,
            exchange,
        })
    }
}

/// `scheme://host[:port]` of a URL: the unit of politeness and of robots.txt.
fn origin(url: &Url) -> Result<String, Failure> {
    match url.origin() {
        o @ url::Origin::Tuple(..) => Ok(o.ascii_serialization()),
        url::Origin::Opaque(_) => Err(Failure::BadUrl(format!("{url} has no host"))),
    }
}

fn request_failure(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    // The innermost cause says most ("connection refused").
    let mut cause: &dyn std::error::Error = &e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    Failure::Connection(cause.to_string())
}

fn location(headers: &HeaderMap, base: &Url) -> Result<Url, Failure> {
    let value = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| Failure::BadUrl("redirect without a Location".into()))?;
    base.join(value)
        .map_err(|e| Failure::BadUrl(format!("redirect to {value:?}: {e}")))
}

fn validators_of(headers: &HeaderMap) -> Validators {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    Validators {
        etag: get(header::ETAG),
        last_modified: get(header::LAST_MODIFIED),
    }
}

/// `Retry-After` as a wait: seconds, or an HTTP date.
fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

fn request_head(url: &Url, headers: &HeaderMap) -> Vec<u8> {
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    let mut out = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n").into_bytes();
    write_headers(&mut out, headers);
    out
}

fn response_head(version: reqwest::Version, status: StatusCode, headers: &HeaderMap) -> Vec<u8> {
    let version = match version {
        reqwest::Version::HTTP_10 => "HTTP/1.0",
        // Records of HTTP/2 answers are written in HTTP/1.1 form, as wget and warcprox do.
        _ => "HTTP/1.1",
    };
    let mut out = format!(
        "{version} {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    )
    .into_bytes();
    let mut kept = headers.clone();
    // The body is stored with the transfer coding already undone.
    kept.remove(header::TRANSFER_ENCODING);
    write_headers(&mut out, &kept);
    out
}

fn write_headers(out: &mut Vec<u8>, headers: &HeaderMap) {
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(7)));
        h.insert(
            header::RETRY_AFTER,
            HeaderValue::from_static("Sun, 01 Mar 2026 10:00:30 GMT"),
        );
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(30)));
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h, now), None);
    }

    #[test]
    fn heads_are_http_text() {
        let url = Url::parse("http://127.0.0.1:8080/a/b?x=1").unwrap();
        let mut h = HeaderMap::new();
        h.insert(header::USER_AGENT, HeaderValue::from_static("marsad/0"));
        let head = String::from_utf8(request_head(&url, &h)).unwrap();
        assert_eq!(
            head,
            "GET /a/b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nuser-agent: marsad/0\r\n"
        );
        h.insert(
            header::TRANSFER_ENCODING,
            HeaderValue::from_static("chunked"),
        );
        let head = String::from_utf8(response_head(reqwest::Version::HTTP_11, StatusCode::OK, &h))
            .unwrap();
        assert_eq!(head, "HTTP/1.1 200 OK\r\nuser-agent: marsad/0\r\n");
    }
}
