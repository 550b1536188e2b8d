//! What the front ends show of the analysis stages: stories and duplicate
//! groups, read from the store (the JSON shapes of `marsad stories`,
//! `marsad story` and `marsad duplicates`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::ControlFlow;

use marsad_store::{ArticleFilter, ArticleSummary};
use marsad_stories::{DuplicateGroup, Placement};
use serde::Serialize;

use crate::stages::stories::{stored_groups, stored_placements};
use crate::{EngineError, Library, Result};

/// One article of a story (`stories --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryArticle {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// `original` or `copy` when the article is in a duplicate group.
    pub role: Option<&'static str>,
    /// How a copy was recognised: `exact`, `near`, `credit`, `rewrite`.
    pub copy: Option<&'static str>,
}

/// One story (`stories --json`, one per line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryView {
    pub id: String,
    pub title: String,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Earlier stories this one develops.
    pub follows: Vec<String>,
    /// Later stories that develop this one.
    pub followed_by: Vec<String>,
    pub outlets: usize,
    /// In time order.
    pub articles: Vec<StoryArticle>,
}

/// One duplicate group (`duplicates --json`, one per line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateView {
    pub group: String,
    pub story: Option<String>,
    pub credited: Option<String>,
    pub original: StoryArticle,
    pub copies: Vec<StoryArticle>,
}

/// The day an article is dated at: published, else the day it was fetched.
fn day_of(a: &ArticleSummary) -> Option<String> {
    let day = a.published.map(|p| p.to_string()[..10].to_string());
    day.or_else(|| {
        a.fetched
            .as_deref()
            .filter(|f| f.len() >= 10 && f.as_bytes()[4] == b'-')
            .map(|f| f[..10].to_string())
    })
}

struct Loaded {
    placements: HashMap<i64, Placement>,
    groups: HashMap<i64, DuplicateGroup>,
    /// Originals of groups of two or more, looked up once per article shown.
    originals: HashSet<i64>,
    articles: HashMap<i64, ArticleSummary>,
}

impl Loaded {
    fn article(&self, id: i64) -> Option<StoryArticle> {
        let a = self.articles.get(&id)?;
        let (role, copy) = match self.placements.get(&id).and_then(|p| p.copy) {
            Some(c) => (Some("copy"), Some(c.kind.as_str())),
            None => (self.originals.contains(&id).then_some("original"), None),
        };
        Some(StoryArticle {
            id: id.to_string(),
            source: a.source.clone(),
            url: a.url.clone(),
            outlet: a.outlet.clone(),
            published: a.published.map(|p| p.to_string()),
            title: a.title.clone(),
            role,
            copy,
        })
    }
}

impl Library {
    fn load(&self) -> Result<Loaded> {
        let store = self.store();
        let placements = stored_placements(store).map_err(stage_error)?;
        let mut groups = stored_groups(store).map_err(stage_error)?;
        groups.retain(|_, g| g.members.len() > 1);
        let originals = groups.values().map(|g| g.original).collect();
        let mut articles = HashMap::new();
        store.list_articles(&ArticleFilter::default(), &mut |a| {
            articles.insert(a.id, a);
            ControlFlow::Continue(())
        })?;
        Ok(Loaded {
            placements,
            groups,
            originals,
            articles,
        })
    }

    /// Every story, largest first (then newest).
    pub fn stories(&self) -> Result<Vec<StoryView>> {
        let loaded = self.load()?;
        let mut by_story: BTreeMap<u64, Vec<i64>> = BTreeMap::new();
        let mut follows: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for p in loaded.placements.values() {
            // Gone articles are kept by the stage but shown nowhere.
            if loaded.articles.contains_key(&p.article) {
                by_story.entry(p.story.0).or_default().push(p.article);
            }
            if p.new_story {
                follows.insert(p.story.0, p.follows.iter().map(|s| s.0).collect());
            }
        }
        let mut followed_by: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for (story, earlier) in &follows {
            for e in earlier {
                followed_by.entry(*e).or_default().push(*story);
            }
        }
        let mut views = Vec::with_capacity(by_story.len());
        for (story, mut ids) in by_story {
            let day = |id: &i64| loaded.articles.get(id).and_then(day_of);
            let placed = |id: &i64| loaded.placements.get(id).map_or(u64::MAX, |p| p.seq);
            ids.sort_by_key(|id| (day(id), placed(id)));
            let first_placed = ids.iter().min_by_key(|id| placed(id)).copied();
            let title = first_placed
                .and_then(|id| loaded.articles.get(&id))
                .and_then(|a| a.title.clone())
                .unwrap_or_default();
            let days: Vec<String> = ids.iter().filter_map(day).collect();
            let mut outlets: Vec<&str> = ids
                .iter()
                .filter_map(|id| loaded.articles.get(id)?.outlet.as_deref())
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            let ids_of = |v: Option<&Vec<u64>>| {
                v.map(|v| v.iter().map(u64::to_string).collect())
                    .unwrap_or_default()
            };
            views.push(StoryView {
                id: story.to_string(),
                title,
                first: days.iter().min().cloned(),
                last: days.iter().max().cloned(),
                follows: ids_of(follows.get(&story)),
                followed_by: ids_of(followed_by.get(&story)),
                outlets: outlets.len(),
                articles: ids.iter().filter_map(|&id| loaded.article(id)).collect(),
            });
        }
        views.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.last.cmp(&a.last))
        });
        Ok(views)
    }

    /// One story by id.
    pub fn story(&self, id: &str) -> Result<Option<StoryView>> {
        Ok(self.stories()?.into_iter().find(|s| s.id == id))
    }

    /// Every duplicate group of two or more live articles.
    pub fn duplicates(&self) -> Result<Vec<DuplicateView>> {
        let loaded = self.load()?;
        let mut groups: Vec<&DuplicateGroup> = loaded.groups.values().collect();
        groups.sort_by_key(|g| g.id);
        let mut out = Vec::new();
        for g in groups {
            let Some(original) = loaded.article(g.original) else {
                continue;
            };
            let copies: Vec<StoryArticle> = g
                .members
                .iter()
                .filter(|m| m.article != g.original)
                .filter_map(|m| {
                    let mut a = loaded.article(m.article)?;
                    a.role = Some("copy");
                    a.copy = m.kind.map(|k| k.as_str()).or(a.copy);
                    Some(a)
                })
                .collect();
            if copies.is_empty() {
                continue;
            }
            out.push(DuplicateView {
                group: g.id.to_string(),
                story: loaded
                    .placements
                    .get(&g.original)
                    .map(|p| p.story.to_string()),
                credited: g.credited.clone(),
                original,
                copies,
            });
        }
        Ok(out)
    }
}

fn stage_error(e: crate::StageError) -> EngineError {
    EngineError::Stage {
        stage: crate::stages::stories::STAGE.into(),
        source: e,
    }
}
