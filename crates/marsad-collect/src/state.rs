//! What the collector remembers between passes, in the data folder:
//! validators (`ETag`, `Last-Modified`) of feeds, sitemaps and robots.txt,
//! so that unchanged ones cost a 304, and when each page was fetched, so
//! that an article announced as changed since is fetched again.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::CollectError;

/// The file, inside the collector's folder of the data folder.
pub const STATE_FILE: &str = "state.json";

const STATE_VERSION: u32 = 1;

/// Validators a server gave for a URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A page the collector fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchedPage {
    pub fetched: DateTime<Utc>,
    #[serde(flatten)]
    pub validators: Validators,
}

/// The collector's memory.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    version: u32,
    /// Feeds, sitemaps and robots.txt by URL as requested.
    #[serde(default)]
    pub validators: BTreeMap<String, Validators>,
    /// Pages by normalized URL ([`marsad_model::normalize_url`]).
    #[serde(default)]
    pub pages: BTreeMap<String, FetchedPage>,
    /// robots.txt by origin, kept so that it too is asked for conditionally.
    #[serde(default)]
    pub robots: BTreeMap<String, RobotsCopy>,
    /// The children of each sitemap index, for when the index answers 304.
    #[serde(default)]
    pub sitemap_children: BTreeMap<String, Vec<String>>,
}

/// A robots.txt as last read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotsCopy {
    #[serde(flatten)]
    pub validators: Validators,
    pub body: String,
}

impl State {
    /// Read the state in `dir`; an empty one when there is none yet.
    pub fn load(dir: &Path) -> Result<State, CollectError> {
        let path = dir.join(STATE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(State {
                    version: STATE_VERSION,
                    ..State::default()
                })
            }
            Err(source) => return Err(CollectError::Io { path, source }),
        };
        let state: State = serde_json::from_str(&text).map_err(|e| CollectError::State {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if state.version > STATE_VERSION {
            return Err(CollectError::State {
                path,
                reason: format!(
                    "version {} is newer than this marsad's ({STATE_VERSION})",
                    state.version
                ),
            });
        }
        Ok(state)
    }

    /// Write the state to `dir` whole or not at all (a temporary file renamed).
    pub fn save(&self, dir: &Path) -> Result<(), CollectError> {
        let io = |path: PathBuf| move |source| CollectError::Io { path, source };
        std::fs::create_dir_all(dir).map_err(io(dir.to_path_buf()))?;
        let path = dir.join(STATE_FILE);
        let tmp = dir.join(format!("{STATE_FILE}.tmp"));
        let mut state = serde_json::to_vec(self).map_err(|e| CollectError::State {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        state.push(b'\n');
        {
            let mut f = std::fs::File::create(&tmp).map_err(io(tmp.clone()))?;
            f.write_all(&state).map_err(io(tmp.clone()))?;
            f.sync_all().map_err(io(tmp.clone()))?;
        }
        std::fs::rename(&tmp, &path).map_err(io(path.clone()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State::load(dir.path()).unwrap();
        assert!(s.validators.is_empty());
        s.validators.insert(
            "https://example.net/rss".into(),
            Validators {
                etag: Some("\"abc\"".into()),
                last_modified: None,
            },
        );
        s.save(dir.path()).unwrap();
        let back = State::load(dir.path()).unwrap();
        assert_eq!(back.validators, s.validators);
    }

    #[test]
    fn damaged_state_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), "{oops").unwrap();
        let err = State::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(STATE_FILE), "{err}");
    }
}
