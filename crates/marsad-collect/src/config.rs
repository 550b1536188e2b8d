//! `outlets.toml`: the outlets to watch and how politely to fetch them.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use url::Url;

use crate::CollectError;

/// The whole sources file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub collector: Politeness,
    #[serde(rename = "outlet", default)]
    pub outlets: Vec<Outlet>,
}

/// How the collector behaves towards the sites it reads. Durations are
/// written as `"1s"`, `"500ms"`, `"2m"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Politeness {
    /// A page where a site's operator can learn who runs this collector and
    /// how to reach them; sent in the user-agent.
    pub contact: String,
    /// Least time between the starts of two requests to one host (robots.txt
    /// `Crawl-delay`, when longer, wins).
    #[serde(default = "defaults::delay", with = "humantime_serde_shim")]
    pub delay: Duration,
    /// Requests in flight to one host at once.
    #[serde(default = "defaults::per_host")]
    pub per_host: usize,
    /// Requests in flight in all.
    #[serde(default = "defaults::concurrency")]
    pub concurrency: usize,
    /// Time limit of one request, from connecting to the last byte.
    #[serde(default = "defaults::timeout", with = "humantime_serde_shim")]
    pub timeout: Duration,
    /// Largest response body read; a longer one is given up.
    #[serde(default = "defaults::max_bytes")]
    pub max_bytes: u64,
    /// Redirects followed from one URL.
    #[serde(default = "defaults::max_redirects")]
    pub max_redirects: usize,
    /// Further tries after a 429 or 5xx answer.
    #[serde(default = "defaults::retries")]
    pub retries: u32,
    /// First wait before a retry, doubled at each one (a `Retry-After`
    /// header, when given, is used instead).
    #[serde(default = "defaults::backoff", with = "humantime_serde_shim")]
    pub backoff: Duration,
    /// Longest wait accepted before a retry; a site asking for more is
    /// given up for this pass.
    #[serde(default = "defaults::max_wait", with = "humantime_serde_shim")]
    pub max_wait: Duration,
    /// A WARC file is closed and a new one started past this size.
    #[serde(default = "defaults::warc_file_bytes")]
    pub warc_file_bytes: u64,
}

mod defaults {
    use std::time::Duration;
    pub fn delay() -> Duration {
        Duration::from_secs(1)
    }
    pub fn per_host() -> usize {
        1
    }
    pub fn concurrency() -> usize {
        8
    }
    pub fn timeout() -> Duration {
        Duration::from_secs(30)
    }
    pub fn max_bytes() -> u64 {
        10 * 1024 * 1024
    }
    pub fn max_redirects() -> usize {
        5
    }
    pub fn retries() -> u32 {
        3
    }
    pub fn backoff() -> Duration {
        Duration::from_secs(2)
    }
    pub fn max_wait() -> Duration {
        Duration::from_secs(120)
    }
    pub fn warc_file_bytes() -> u64 {
        1024 * 1024 * 1024
    }
}

/// Durations in the sources file as humantime strings (`"15m"`).
mod humantime_serde_shim {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(d)?;
        humantime::parse_duration(&text)
            .map_err(|e| serde::de::Error::custom(format!("{text:?}: {e}")))
    }
}

/// One outlet: where its articles are announced.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub name: String,
    /// The outlet's home page; its host (less `www.`) is one of its domains.
    pub home: String,
    /// Language of its articles (`ar`).
    #[serde(default)]
    pub language: Option<String>,
    /// Further domains whose pages belong to the outlet (subdomains included).
    #[serde(default)]
    pub domains: Vec<String>,
    /// RSS 2.0 or Atom feeds.
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Sitemaps, sitemap indexes or Google-News sitemaps.
    #[serde(default)]
    pub sitemaps: Vec<String>,
}

impl Outlet {
    /// The domains this outlet's links may point to.
    pub fn allowed_domains(&self) -> Vec<String> {
        let mut domains: Vec<String> = Url::parse(&self.home)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .map(|h| h.strip_prefix("www.").map(str::to_string).unwrap_or(h))
            .into_iter()
            .collect();
        domains.extend(self.domains.iter().map(|d| d.trim().to_ascii_lowercase()));
        domains
    }

    /// Whether `url` is on one of the outlet's domains (or a subdomain of one).
    pub fn owns(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        let host = host.to_ascii_lowercase();
        self.allowed_domains().iter().any(|d| {
            host == *d
                || host
                    .strip_suffix(d.as_str())
                    .is_some_and(|p| p.ends_with('.'))
        })
    }
}

impl Sources {
    /// Read and check a sources file.
    pub fn load(path: &Path) -> Result<Sources, CollectError> {
        let text = std::fs::read_to_string(path).map_err(|source| CollectError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).map_err(|reason| CollectError::Sources {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Parse and check the text of a sources file.
    pub fn parse(text: &str) -> Result<Sources, String> {
        let sources: Sources = toml::from_str(text).map_err(|e| e.to_string())?;
        sources.check()?;
        Ok(sources)
    }

    fn check(&self) -> Result<(), String> {
        let p = &self.collector;
        if Url::parse(&p.contact).is_err() {
            return Err(format!(
                "collector.contact {:?} is not a URL (sites read it to reach you)",
                p.contact
            ));
        }
        if p.per_host == 0 || p.concurrency == 0 {
            return Err("collector.per_host and collector.concurrency must be at least 1".into());
        }
        if p.timeout.is_zero() {
            return Err("collector.timeout must be more than zero".into());
        }
        if self.outlets.is_empty() {
            return Err("no [[outlet]] listed".into());
        }
        for o in &self.outlets {
            let home = Url::parse(&o.home)
                .map_err(|e| format!("outlet {:?}: home {:?}: {e}", o.name, o.home))?;
            if home.host_str().is_none() {
                return Err(format!(
                    "outlet {:?}: home {:?} has no host",
                    o.name, o.home
                ));
            }
            for u in o.feeds.iter().chain(&o.sitemaps) {
                Url::parse(u).map_err(|e| format!("outlet {:?}: {u:?}: {e}", o.name))?;
            }
            if o.feeds.is_empty() && o.sitemaps.is_empty() {
                return Err(format!(
                    "outlet {:?} lists no feeds and no sitemaps",
                    o.name
                ));
            }
        }
        Ok(())
    }

    /// The user-agent sent with every request; robots.txt rules are matched
    /// against its product token, `marsad`.
    pub fn user_agent(&self) -> String {
        format!(
            "marsad/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            self.collector.contact
        )
    }
}

/// The robots.txt product token of the collector.
pub const ROBOTS_AGENT: &str = "marsad";

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[collector]
contact = "https://example.org/marsad"

[[outlet]]
name = "الجزيرة"
home = "https://www.aljazeera.net/"
domains = ["aljazeera.com"]
feeds = ["https://www.aljazeera.net/rss"]
"#;

    #[test]
    fn defaults_are_polite() {
        let s = Sources::parse(MINIMAL).unwrap();
        assert_eq!(s.collector.delay, Duration::from_secs(1));
        assert_eq!(s.collector.per_host, 1);
        assert!(s.user_agent().contains("marsad/") && s.user_agent().contains("example.org"));
    }

    #[test]
    fn domains_include_subdomains_not_lookalikes() {
        let s = Sources::parse(MINIMAL).unwrap();
        let o = &s.outlets[0];
        let owns = |u: &str| o.owns(&Url::parse(u).unwrap());
        assert!(owns("https://www.aljazeera.net/news/1"));
        assert!(owns("https://aljazeera.net/news/1"));
        assert!(owns("https://mubasher.aljazeera.net/x"));
        assert!(owns("https://www.aljazeera.com/x"));
        assert!(!owns("https://notaljazeera.net/x"));
        assert!(!owns("https://example.com/aljazeera.net"));
    }

    #[test]
    fn mistakes_are_named() {
        let err = Sources::parse(&MINIMAL.replace("https://example.org/marsad", "me")).unwrap_err();
        assert!(err.contains("contact"), "{err}");
        let err = Sources::parse(&MINIMAL.replace("feeds", "feedz")).unwrap_err();
        assert!(err.contains("feedz"), "{err}");
        let err = Sources::parse(&format!("{MINIMAL}\n[collector2]\n")).unwrap_err();
        assert!(err.contains("collector2"), "{err}");
    }

    #[test]
    fn the_shipped_example_parses() {
        let text = include_str!("../../../outlets.toml");
        let s = Sources::parse(text).unwrap();
        assert!(s.outlets.len() >= 12, "{}", s.outlets.len());
    }
}
