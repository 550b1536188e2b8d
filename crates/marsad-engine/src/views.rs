//! What the front ends show of the analysis stages: stories and duplicate
//! groups, read from the store (the JSON shapes of `marsad stories`,
//! `marsad story` and `marsad duplicates`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::ControlFlow;

use marsad_store::{ArticleFilter, ArticleSummary, StageQuery, StageRow, StoredArticle};
use marsad_stories::{DuplicateGroup, Placement};
use serde::Serialize;

use marsad_entities::{
    compare_figures, Entity, EntityResolver, EntityType, Figure, FigureComparison, OutletFigure,
    Quote,
};

use crate::stages::entities::{analysed_text, EntityMentions, ENTITY, STAGE as ENTITIES};
use crate::stages::stories::{
    stored_groups, stored_placements, GROUP, PLACEMENT, STAGE as STORIES,
};
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
    /// The outlet the article credits as its source ("المصدر: الجزيرة"),
    /// which may be all a page says of where it comes from.
    pub credited: Option<String>,
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

/// Which stories follow up which (a story's `followed_by`), read at once
/// for every story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryLinks {
    /// Story id → the later stories that develop it, in id order.
    pub followed_by: HashMap<u64, Vec<u64>>,
}

/// The listing fields of a stored article.
pub(crate) fn summary_of(a: &StoredArticle) -> ArticleSummary {
    ArticleSummary {
        id: a.id,
        page_id: a.page_id,
        role: a.role,
        title: a.title.clone(),
        outlet: a.outlet.clone(),
        published: a.published,
        url: a.url.clone(),
        source: a.source.clone(),
        fetched: a.fetched.clone(),
        original_source: a.original_source.clone(),
    }
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

#[derive(Debug)]
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
            credited: a.original_source.clone(),
            role,
            copy,
        })
    }
}

impl Loaded {
    /// The view of one story from its live articles' ids.
    fn story_view(
        &self,
        story: u64,
        mut ids: Vec<i64>,
        follows: Option<&Vec<u64>>,
        followed_by: Option<&Vec<u64>>,
    ) -> StoryView {
        let day = |id: &i64| self.articles.get(id).and_then(day_of);
        let placed = |id: &i64| self.placements.get(id).map_or(u64::MAX, |p| p.seq);
        ids.sort_by_key(|id| (day(id), placed(id)));
        let first_placed = ids.iter().min_by_key(|id| placed(id)).copied();
        let title = first_placed
            .and_then(|id| self.articles.get(&id))
            .and_then(|a| a.title.clone())
            .unwrap_or_default();
        let days: Vec<String> = ids.iter().filter_map(day).collect();
        let mut outlets: Vec<&str> = ids
            .iter()
            .filter_map(|id| self.articles.get(id)?.outlet.as_deref())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let ids_of = |v: Option<&Vec<u64>>| {
            v.map(|v| v.iter().map(u64::to_string).collect())
                .unwrap_or_default()
        };
        StoryView {
            id: story.to_string(),
            title,
            first: days.iter().min().cloned(),
            last: days.iter().max().cloned(),
            follows: ids_of(follows),
            followed_by: ids_of(followed_by),
            outlets: outlets.len(),
            articles: ids.iter().filter_map(|&id| self.article(id)).collect(),
        }
    }
}

impl Library {
    /// Every placement and live article, and the groups of two or more.
    fn load(&self) -> Result<Loaded> {
        let mut loaded = self.load_all()?;
        loaded.groups.retain(|_, g| g.members.len() > 1);
        Ok(loaded)
    }

    /// Every placement, group (of any size) and live article.
    fn load_all(&self) -> Result<Loaded> {
        let store = self.store();
        let placements = stored_placements(store).map_err(stage_error)?;
        let groups = stored_groups(store).map_err(stage_error)?;
        let originals = originals_of(&groups);
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
        Ok(self.stories_with_links()?.0)
    }

    /// Every story (as [`Library::stories`]) and which follow up which (as
    /// [`Library::story_links`]), from one read of the placements.
    pub fn stories_with_links(&self) -> Result<(Vec<StoryView>, StoryLinks)> {
        let catalog = self.story_catalog()?;
        let views = catalog.stories().map(|s| (**s).clone()).collect();
        Ok((views, catalog.links))
    }

    /// Every story, kept for [`StoryCatalog::update`] to follow the store's
    /// later writes.
    pub fn story_catalog(&self) -> Result<StoryCatalog> {
        let store = self.store();
        // Read first: whatever is written meanwhile is read again next time.
        let (seq, stage) = catalog_position(store)?;
        // Groups of one are kept too: a later row may make them two again.
        let loaded = self.load_all()?;
        let mut members: HashMap<u64, Vec<i64>> = HashMap::new();
        for p in loaded.placements.values() {
            members.entry(p.story.0).or_default().push(p.article);
        }
        let mut catalog = StoryCatalog {
            seq,
            stage,
            links: links_of(&loaded.placements),
            loaded,
            members,
            views: HashMap::new(),
            order: Vec::new(),
        };
        let stories: Vec<u64> = catalog.members.keys().copied().collect();
        catalog.refresh_views(stories);
        Ok(catalog)
    }

    /// One story's own rows: its placements, its live articles (read in
    /// one go) and the duplicate groups they are in; `None` when it has no
    /// live article.
    fn story_rows(&self, story: u64) -> Result<Option<(Loaded, Vec<StoredArticle>)>> {
        let store = self.store();
        let rows = store.stage_rows(
            STORIES,
            &StageQuery::Key {
                kind: PLACEMENT.into(),
                key: story.to_string(),
            },
        )?;
        let mut placements = HashMap::new();
        for row in rows {
            let p: Placement = serde_json::from_str(&row.value).map_err(stage_json)?;
            placements.insert(p.article, p);
        }
        let ids: Vec<i64> = placements.keys().copied().collect();
        let stored: Vec<StoredArticle> = store
            .articles(&ids)?
            .into_iter()
            .filter(|a| !a.gone)
            .collect();
        if stored.is_empty() {
            return Ok(None);
        }
        let articles: HashMap<i64, ArticleSummary> =
            stored.iter().map(|a| (a.id, summary_of(a))).collect();
        // A group's id is the article it started from; its original may be
        // a later member, so read every group an article here is in.
        let mut group_ids: Vec<i64> = articles.keys().copied().collect();
        group_ids.extend(
            placements
                .values()
                .filter_map(|p| p.copy.as_ref().map(|c| c.group)),
        );
        group_ids.sort_unstable();
        group_ids.dedup();
        let rows = store.stage_rows(
            STORIES,
            &StageQuery::Keys {
                kind: GROUP.into(),
                keys: group_ids.iter().map(i64::to_string).collect(),
            },
        )?;
        // Rows come in write order: a group's latest row is its last.
        let mut latest: HashMap<String, StageRow> = HashMap::new();
        for row in rows {
            latest.insert(row.key.clone(), row);
        }
        let mut groups = HashMap::new();
        for row in latest.into_values() {
            let g: DuplicateGroup = serde_json::from_str(&row.value).map_err(stage_json)?;
            if g.members.len() > 1 {
                groups.insert(g.id, g);
            }
        }
        let originals = groups.values().map(|g| g.original).collect();
        Ok(Some((
            Loaded {
                placements,
                groups,
                originals,
                articles,
            },
            stored,
        )))
    }

    /// One story by id, read from its own rows (not by building every
    /// story); its `followed_by` from `links` when given (a server keeps
    /// them), else from [`Library::story_links`].
    pub fn story(&self, id: &str, links: Option<&StoryLinks>) -> Result<Option<StoryView>> {
        Ok(self.story_with_articles(id, links)?.map(|(view, _)| view))
    }

    /// [`Library::story`], and its live articles as stored, by id.
    fn story_with_articles(
        &self,
        id: &str,
        links: Option<&StoryLinks>,
    ) -> Result<Option<(StoryView, HashMap<i64, StoredArticle>)>> {
        let Ok(story) = id.parse::<u64>() else {
            return Ok(None);
        };
        let Some((loaded, stored)) = self.story_rows(story)? else {
            return Ok(None);
        };
        let follows: Vec<u64> = loaded
            .placements
            .values()
            .filter(|p| p.new_story)
            .flat_map(|p| p.follows.iter().map(|s| s.0))
            .collect();
        let followed_by = match links {
            Some(l) => l.followed_by.get(&story).cloned(),
            None => self.story_links()?.followed_by.remove(&story),
        };
        let ids = loaded.articles.keys().copied().collect();
        let view = loaded.story_view(story, ids, Some(&follows), followed_by.as_ref());
        Ok(Some((
            view,
            stored.into_iter().map(|a| (a.id, a)).collect(),
        )))
    }

    /// Which stories follow up which, from every story's first placement.
    pub fn story_links(&self) -> Result<StoryLinks> {
        let placements = stored_placements(self.store()).map_err(stage_error)?;
        Ok(links_of(&placements))
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

/// Articles read from the store per batch when a catalog follows it.
const CATALOG_BATCH: usize = 2_000;

/// Every story of the store as of one position, and what it was made from,
/// so that it can follow later writes by reading only what they changed
/// ([`StoryCatalog::update`]): the articles written since, and the stories
/// stage's rows about them. Updated, it equals a catalog built afresh.
#[derive(Debug)]
pub struct StoryCatalog {
    /// The position it reflects: every write up to it is in.
    seq: u64,
    /// The stories stage's version when read (`None`: it never ran).
    stage: Option<u32>,
    /// Placements and groups of every article (gone ones too, which keep
    /// their rows), and the live articles.
    loaded: Loaded,
    /// Story id → every article placed in it, live or gone.
    members: HashMap<u64, Vec<i64>>,
    links: StoryLinks,
    views: HashMap<u64, std::sync::Arc<StoryView>>,
    /// Story ids, largest first (then newest, then by id).
    order: Vec<u64>,
}

/// The position a catalog reads the store at: the store's sequence number,
/// or how far the stories stage has got when that is less (writes it has
/// not staged yet are read again by the next update); and the stage's version.
fn catalog_position(store: &dyn marsad_store::Store) -> Result<(u64, Option<u32>)> {
    let seq = store.seq()?;
    Ok(match store.stage_progress(STORIES)? {
        Some(p) => (seq.min(p.seq), Some(p.version)),
        None => (seq, None),
    })
}

impl StoryCatalog {
    /// The store position it reflects (see [`StoryCatalog::update`]).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Every story, largest first (then newest), as [`Library::stories`].
    pub fn stories(&self) -> impl Iterator<Item = &std::sync::Arc<StoryView>> + '_ {
        self.order.iter().filter_map(|id| self.views.get(id))
    }

    /// Which stories follow up which.
    pub fn links(&self) -> &StoryLinks {
        &self.links
    }

    /// Follow the writes made since it was built or last updated: read the
    /// articles they changed and the stories stage's rows about them, and
    /// make again the stories those touch (an article's old and new story,
    /// those of every member of a duplicate group it is in, those whose
    /// follow-ups changed). Returns whether anything moved. When the stage
    /// was rebuilt under it (new version, or its progress went back), the
    /// whole catalog is read again.
    pub fn update(&mut self, library: &Library) -> Result<bool> {
        let store = library.store();
        let (seq, stage) = catalog_position(store)?;
        if stage != self.stage || seq < self.seq {
            *self = library.story_catalog()?;
            return Ok(true);
        }
        if seq == self.seq {
            return Ok(false);
        }
        let mut changed: Vec<i64> = Vec::new();
        let mut live: Vec<ArticleSummary> = Vec::new();
        let mut after = 0;
        loop {
            let batch = store.changes_since(self.seq, after, CATALOG_BATCH)?;
            let Some(last) = batch.last() else { break };
            after = last.id();
            for c in batch {
                changed.push(c.id());
                if let marsad_store::ArticleChange::Live(a) = c {
                    live.push(summary_of(&a));
                }
            }
        }
        let mut touched: HashSet<u64> = HashSet::new();
        let mut groups: HashSet<i64> = HashSet::new();
        for &id in &changed {
            // A group's id is the article it started from.
            groups.insert(id);
            if let Some(p) = self.loaded.placements.get(&id) {
                touched.insert(p.story.0);
                if let Some(c) = &p.copy {
                    groups.insert(c.group);
                }
            }
        }
        let rows = if changed.is_empty() {
            Vec::new()
        } else {
            store.stage_rows(STORIES, &StageQuery::Articles(changed.clone()))?
        };
        let mut placed: HashMap<i64, Placement> = HashMap::new();
        for row in rows {
            if row.kind == PLACEMENT {
                let p: Placement = serde_json::from_str(&row.value).map_err(stage_json)?;
                placed.insert(p.article, p);
            } else if row.kind == GROUP {
                if let Ok(g) = row.key.parse::<i64>() {
                    groups.insert(g);
                }
            }
        }
        for p in placed.values() {
            if let Some(c) = &p.copy {
                groups.insert(c.group);
            }
        }
        // Placements: an article's rows are replaced whole by each stage write.
        for &id in &changed {
            if let Some(old) = self.loaded.placements.remove(&id) {
                if let Some(m) = self.members.get_mut(&old.story.0) {
                    m.retain(|&a| a != id);
                }
            }
            if let Some(p) = placed.remove(&id) {
                touched.insert(p.story.0);
                self.members.entry(p.story.0).or_default().push(id);
                self.loaded.placements.insert(id, p);
            }
            self.loaded.articles.remove(&id);
        }
        for a in live {
            self.loaded.articles.insert(a.id, a);
        }
        // Groups: the latest row of each, read whole (their other rows are
        // about articles this write did not touch).
        let mut keys: Vec<i64> = groups.into_iter().collect();
        keys.sort_unstable();
        let rows = store.stage_rows(
            STORIES,
            &StageQuery::Keys {
                kind: GROUP.into(),
                keys: keys.iter().map(i64::to_string).collect(),
            },
        )?;
        let mut latest: HashMap<i64, DuplicateGroup> = HashMap::new();
        for row in rows {
            let g: DuplicateGroup = serde_json::from_str(&row.value).map_err(stage_json)?;
            latest.insert(g.id, g);
        }
        for key in keys {
            let old = self.loaded.groups.remove(&key);
            let new = latest.remove(&key);
            for g in old.iter().chain(new.iter()) {
                for m in &g.members {
                    if let Some(p) = self.loaded.placements.get(&m.article) {
                        touched.insert(p.story.0);
                    }
                }
            }
            if let Some(g) = new {
                self.loaded.groups.insert(key, g);
            }
        }
        self.loaded.originals = originals_of(&self.loaded.groups);
        // Follow-ups: cheap to make again whole, compared to see whose moved.
        let links = links_of(&self.loaded.placements);
        for (story, later) in links.followed_by.iter() {
            if self.links.followed_by.get(story) != Some(later) {
                touched.insert(*story);
            }
        }
        for story in self.links.followed_by.keys() {
            if !links.followed_by.contains_key(story) {
                touched.insert(*story);
            }
        }
        self.links = links;
        self.seq = seq;
        self.refresh_views(touched.into_iter().collect());
        Ok(true)
    }

    /// Make again the views of `stories` from what is kept, and the order.
    fn refresh_views(&mut self, stories: Vec<u64>) {
        for story in stories {
            let all = self.members.get(&story).map(Vec::as_slice).unwrap_or(&[]);
            // Gone articles are kept by the stage but shown nowhere.
            let ids: Vec<i64> = all
                .iter()
                .copied()
                .filter(|id| self.loaded.articles.contains_key(id))
                .collect();
            if ids.is_empty() {
                self.views.remove(&story);
                if all.is_empty() {
                    self.members.remove(&story);
                }
                continue;
            }
            let follows: Option<Vec<u64>> = all
                .iter()
                .filter_map(|id| self.loaded.placements.get(id))
                .filter(|p| p.new_story)
                .map(|p| p.follows.iter().map(|s| s.0).collect())
                .next_back();
            let view = self.loaded.story_view(
                story,
                ids,
                follows.as_ref(),
                self.links.followed_by.get(&story),
            );
            self.views.insert(story, std::sync::Arc::new(view));
        }
        let mut order: Vec<u64> = self.views.keys().copied().collect();
        order.sort_by(|a, b| {
            let (va, vb) = (&self.views[a], &self.views[b]);
            vb.articles
                .len()
                .cmp(&va.articles.len())
                .then(vb.last.cmp(&va.last))
                .then(a.cmp(b))
        });
        self.order = order;
    }
}

/// The originals of groups of two or more.
fn originals_of(groups: &HashMap<i64, DuplicateGroup>) -> HashSet<i64> {
    groups
        .values()
        .filter(|g| g.members.len() > 1)
        .map(|g| g.original)
        .collect()
}

/// Which stories follow up which, from the placements that started each.
fn links_of(placements: &HashMap<i64, Placement>) -> StoryLinks {
    let mut links = StoryLinks::default();
    for p in placements.values().filter(|p| p.new_story) {
        for earlier in &p.follows {
            links
                .followed_by
                .entry(earlier.0)
                .or_default()
                .push(p.story.0);
        }
    }
    for later in links.followed_by.values_mut() {
        later.sort_unstable();
        later.dedup();
    }
    links
}

fn stage_json(e: serde_json::Error) -> EngineError {
    stage_error(Box::new(e))
}

fn stage_error(e: crate::StageError) -> EngineError {
    EngineError::Stage {
        stage: crate::stages::stories::STAGE.into(),
        source: e,
    }
}

// ---- what the entities stage found, shown with stories and articles ----

/// One entity as found across some articles: its spellings merged under
/// its key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    /// The entities stage's key (`LOC:KP`, `PERS:…`): the id of `/entities/{key}`.
    pub key: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub role: Option<String>,
    /// Every spelling seen, in order of first appearance.
    pub variants: Vec<String>,
    /// Articles that mention it.
    pub articles: usize,
    pub mentions: usize,
}

/// One quote, with the article it is in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteView {
    pub article: String,
    /// The article's outlet, else the outlet it credits.
    pub outlet: Option<String>,
    pub text: String,
    /// The speaker as the text names them.
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub direct: bool,
}

/// The quotes of one speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerQuotes {
    /// The speaker's entity key; `null` when the speaker is no entity.
    pub key: Option<String>,
    /// The speaker's name: the entity's canonical name, else as written
    /// (`null`: nobody is named).
    pub speaker: Option<String>,
    pub quotes: Vec<QuoteView>,
}

/// How many articles of a story appeared on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageDay {
    pub day: String,
    pub articles: usize,
    pub outlets: usize,
}

/// One story with what was found in its articles (`marsad story --json`,
/// `GET /api/stories/{id}`): the fields of [`StoryView`] and more.
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub story: StoryView,
    /// People, places, organisations, most widely mentioned first.
    pub entities: Vec<EntitySummary>,
    /// Grouped by speaker, the most quoted first.
    pub quotes: Vec<SpeakerQuotes>,
    /// Figures reported by two or more outlets, side by side, each unit
    /// marked `agree` or `differ`.
    pub figures: Vec<FigureComparison>,
    /// Articles per day, in day order (undated articles are left out).
    pub coverage: Vec<CoverageDay>,
}

/// What the entities stage keeps about one article.
#[derive(Debug, Default)]
struct Findings {
    entities: Vec<(String, EntityMentions)>,
    quotes: Vec<(String, Quote)>,
    figures: Vec<Figure>,
}

/// One line of the page an article was extracted from, with what
/// extraction made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLine {
    /// 1-based.
    pub line: u32,
    pub text: String,
    /// `title`, `body`, `subheading`, `caption` (this article), `article`
    /// (another article of the page), a furniture kind (`navigation`,
    /// `share`, …), `blank`, or `unkept` (left out, kept nowhere).
    pub class: String,
    /// Set aside as page furniture.
    pub furniture: bool,
}

/// One stored article in full (`GET /api/articles/{id}`): the fields of
/// `marsad articles --json` and more.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub subtitle: Option<String>,
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub story: Option<String>,
    pub paragraphs: Vec<marsad_model::Paragraph>,
    pub captions: Vec<marsad_model::Caption>,
    pub entities: Vec<EntitySummary>,
    pub quotes: Vec<QuoteView>,
    pub figures: Vec<Figure>,
    /// The page's furniture (every article of the page shares it).
    pub furniture: Vec<marsad_model::Furniture>,
    /// The page's lines with their classification; `null` when the page
    /// was no text dump (HTML, WARC, corpus records).
    pub lines: Option<Vec<PageLine>>,
}

/// A story an entity appears in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityStory {
    pub id: String,
    /// The title of the entity's first article in it.
    pub title: Option<String>,
    /// The entity's articles in it.
    pub articles: usize,
    pub last: Option<String>,
}

/// One entity across the store (`GET /api/entities/{key}`).
#[derive(Debug, Clone, Serialize)]
pub struct EntityDetail {
    #[serde(flatten)]
    pub entity: EntitySummary,
    /// Newest first.
    pub stories: Vec<EntityStory>,
    /// What it said, in article order.
    pub quotes: Vec<QuoteView>,
}

fn credited_outlet(a: &ArticleSummary) -> Option<String> {
    a.outlet.clone().or_else(|| a.original_source.clone())
}

fn quote_view(article: &ArticleSummary, q: &Quote) -> QuoteView {
    QuoteView {
        article: article.id.to_string(),
        outlet: credited_outlet(article),
        text: q.text.clone(),
        speaker: q.speaker.clone(),
        cue: q.cue.clone(),
        direct: q.direct,
    }
}

/// Entities of several articles merged by key, most widely mentioned first.
fn merge_entities<'a>(
    per_article: impl IntoIterator<Item = &'a [(String, EntityMentions)]>,
) -> Vec<EntitySummary> {
    let mut by_key: BTreeMap<&str, EntitySummary> = BTreeMap::new();
    for found in per_article {
        for (key, m) in found {
            let e = by_key.entry(key.as_str()).or_insert_with(|| EntitySummary {
                key: key.clone(),
                canonical: m.canonical.clone(),
                entity_type: m.entity_type,
                role: None,
                variants: Vec::new(),
                articles: 0,
                mentions: 0,
            });
            e.articles += 1;
            e.mentions += m.mentions.len();
            if e.role.is_none() {
                e.role = m.role.clone();
            }
            for v in &m.variants {
                if !e.variants.contains(v) {
                    e.variants.push(v.clone());
                }
            }
        }
    }
    let mut out: Vec<EntitySummary> = by_key.into_values().collect();
    out.sort_by(|a, b| {
        (b.articles, b.mentions)
            .cmp(&(a.articles, a.mentions))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// The entities of several articles as one entity per spelling across
/// them ([`EntityResolver`]: a surname alone in one article meets the full
/// name of another), most widely mentioned first; and the resolved key of
/// each (article position, stored key).
fn resolve_entities(
    per_article: &[Findings],
    articles: &[StoredArticle],
) -> (Vec<EntitySummary>, HashMap<(usize, String), String>) {
    let mut resolver = EntityResolver::new();
    let mut stored_keys: Vec<Vec<&str>> = Vec::with_capacity(per_article.len());
    let mut roles: HashMap<&str, &str> = HashMap::new();
    for (found, article) in per_article.iter().zip(articles) {
        let text: Vec<char> = analysed_text(article).chars().collect();
        let mut entities = Vec::new();
        let mut keys = Vec::new();
        for (key, m) in &found.entities {
            if let Some(role) = &m.role {
                roles.entry(key.as_str()).or_insert(role.as_str());
            }
            for &[start, end] in &m.mentions {
                let written = text
                    .get(start..end)
                    .map(|c| c.iter().collect())
                    .unwrap_or_else(|| m.canonical.clone());
                entities.push(Entity {
                    text: written,
                    entity_type: m.entity_type,
                    start,
                    end,
                    canonical: m.canonical.clone(),
                    role: m.role.clone(),
                    key: key.clone(),
                });
                keys.push(key.as_str());
            }
        }
        resolver.add(&entities);
        stored_keys.push(keys);
    }
    let resolution = resolver.resolve();
    let mut resolved = HashMap::new();
    let mut role_of: HashMap<&str, &str> = HashMap::new();
    for (doc, keys) in resolution.keys.iter().enumerate() {
        for (n, key) in keys.iter().enumerate() {
            if let Some(stored) = stored_keys.get(doc).and_then(|k| k.get(n)) {
                resolved
                    .entry((doc, stored.to_string()))
                    .or_insert_with(|| key.clone());
                if let Some(role) = roles.get(stored) {
                    role_of.entry(key.as_str()).or_insert(role);
                }
            }
        }
    }
    let mut out: Vec<EntitySummary> = resolution
        .entities
        .iter()
        .map(|e| {
            let mut variants: Vec<(&String, &usize)> = e.variants.iter().collect();
            variants.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            let mut docs: Vec<usize> = e.mentions.iter().map(|m| m.document).collect();
            docs.sort_unstable();
            docs.dedup();
            EntitySummary {
                key: e.key.clone(),
                canonical: e.canonical.clone(),
                entity_type: e.entity_type,
                role: role_of.get(e.key.as_str()).map(|r| r.to_string()),
                variants: variants.into_iter().map(|(v, _)| v.clone()).collect(),
                articles: docs.len(),
                mentions: e.mentions.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.articles, b.mentions)
            .cmp(&(a.articles, a.mentions))
            .then_with(|| a.key.cmp(&b.key))
    });
    (out, resolved)
}

/// Quotes grouped by speaker (entity key, else the name as written), the
/// most quoted speaker first; named speakers before unnamed ones.
fn quotes_by_speaker(
    quotes: Vec<(String, QuoteView, Option<String>)>,
    entities: &[EntitySummary],
) -> Vec<SpeakerQuotes> {
    let mut groups: Vec<SpeakerQuotes> = Vec::new();
    for (key, view, speaker_entity) in quotes {
        // A speaker named by a role ("الرئيس الروسي") may still be an entity.
        let key = (!key.is_empty()).then_some(key).or_else(|| {
            let name = speaker_entity.as_deref()?;
            entities
                .iter()
                .find(|e| e.canonical == name)
                .map(|e| e.key.clone())
        });
        let name = key
            .as_deref()
            .and_then(|k| entities.iter().find(|e| e.key == k))
            .map(|e| e.canonical.clone())
            .or(speaker_entity)
            .or_else(|| view.speaker.clone());
        let at = groups.iter().position(|g| match (&key, &g.key) {
            (Some(k), Some(gk)) => k == gk,
            (None, None) => g.speaker == name,
            _ => false,
        });
        match at {
            Some(i) => groups[i].quotes.push(view),
            None => groups.push(SpeakerQuotes {
                key,
                speaker: name,
                quotes: vec![view],
            }),
        }
    }
    groups.sort_by(|a, b| {
        (b.speaker.is_some(), b.quotes.len()).cmp(&(a.speaker.is_some(), a.quotes.len()))
    });
    groups
}

/// What the entities stage's rows about one article say.
fn findings_of(rows: impl IntoIterator<Item = StageRow>) -> Result<Findings> {
    let mut f = Findings::default();
    let bad = |e: serde_json::Error| EngineError::Stage {
        stage: ENTITIES.into(),
        source: Box::new(e),
    };
    for row in rows {
        match row.kind.as_str() {
            "entity" => f
                .entities
                .push((row.key, serde_json::from_str(&row.value).map_err(bad)?)),
            "quote" => f
                .quotes
                .push((row.key, serde_json::from_str(&row.value).map_err(bad)?)),
            "figure" => f
                .figures
                .push(serde_json::from_str(&row.value).map_err(bad)?),
            _ => {}
        }
    }
    Ok(f)
}

impl Library {
    fn findings(&self, article: i64) -> Result<Findings> {
        findings_of(
            self.store()
                .stage_rows(ENTITIES, &StageQuery::Article(article))?,
        )
    }

    /// The findings of many articles, read in one go, by article id.
    fn findings_of_many(&self, articles: &[i64]) -> Result<HashMap<i64, Findings>> {
        let rows = self
            .store()
            .stage_rows(ENTITIES, &StageQuery::Articles(articles.to_vec()))?;
        let mut by_article: HashMap<i64, Vec<StageRow>> = HashMap::new();
        for row in rows {
            if let Some(id) = row.article_id {
                by_article.entry(id).or_default().push(row);
            }
        }
        by_article
            .into_iter()
            .map(|(id, rows)| Ok((id, findings_of(rows)?)))
            .collect()
    }

    /// The story an article is in, when the stories stage has placed it.
    fn story_of(&self, article: i64) -> Result<Option<String>> {
        let rows = self
            .store()
            .stage_rows(STORIES, &StageQuery::Article(article))?;
        Ok(rows
            .into_iter()
            .find(|r| r.kind == PLACEMENT)
            .map(|r| r.key))
    }

    /// The story of each of many articles that the stories stage placed,
    /// read in one go.
    fn stories_of(&self, articles: &[i64]) -> Result<HashMap<i64, String>> {
        let rows = self
            .store()
            .stage_rows(STORIES, &StageQuery::Articles(articles.to_vec()))?;
        let mut out = HashMap::new();
        for row in rows.into_iter().filter(|r| r.kind == PLACEMENT) {
            if let Some(id) = row.article_id {
                out.entry(id).or_insert(row.key);
            }
        }
        Ok(out)
    }

    /// One story with its entities, quotes by speaker, figures compared
    /// across outlets and coverage per day.
    pub fn story_detail(
        &self,
        id: &str,
        links: Option<&StoryLinks>,
    ) -> Result<Option<StoryDetail>> {
        let Some((story, mut stored)) = self.story_with_articles(id, links)? else {
            return Ok(None);
        };
        let ids: Vec<i64> = stored.keys().copied().collect();
        let mut found = self.findings_of_many(&ids)?;
        let mut per_article = Vec::with_capacity(story.articles.len());
        let mut summaries = Vec::with_capacity(story.articles.len());
        let mut stored_articles = Vec::with_capacity(story.articles.len());
        // In the story's time order, as the resolver has always seen them.
        for a in &story.articles {
            let Some(stored) = a.id.parse::<i64>().ok().and_then(|id| stored.remove(&id)) else {
                continue;
            };
            per_article.push(found.remove(&stored.id).unwrap_or_default());
            summaries.push(summary_of(&stored));
            stored_articles.push(stored);
        }
        let (entities, resolved) = resolve_entities(&per_article, &stored_articles);
        let mut quotes = Vec::new();
        let mut figures = Vec::new();
        for (doc, (found, summary)) in per_article.iter().zip(&summaries).enumerate() {
            for (key, q) in &found.quotes {
                let key = resolved
                    .get(&(doc, key.clone()))
                    .cloned()
                    .unwrap_or_else(|| key.clone());
                quotes.push((key, quote_view(summary, q), q.speaker_entity.clone()));
            }
            let outlet = credited_outlet(summary).unwrap_or_else(|| summary.source.clone());
            for f in &found.figures {
                figures.push(OutletFigure {
                    outlet: outlet.clone(),
                    article: summary.id.to_string(),
                    figure: f.clone(),
                });
            }
        }
        let mut coverage: BTreeMap<String, (usize, HashSet<String>)> = BTreeMap::new();
        for summary in &summaries {
            if let Some(day) = day_of(summary) {
                let c = coverage.entry(day).or_default();
                c.0 += 1;
                if let Some(o) = credited_outlet(summary) {
                    c.1.insert(o);
                }
            }
        }
        Ok(Some(StoryDetail {
            quotes: quotes_by_speaker(quotes, &entities),
            entities,
            figures: compare_figures(&figures),
            coverage: coverage
                .into_iter()
                .map(|(day, (articles, outlets))| CoverageDay {
                    day,
                    articles,
                    outlets: outlets.len(),
                })
                .collect(),
            story,
        }))
    }

    /// One live article in full, with the lines of its page classified.
    pub fn article_detail(&self, id: i64) -> Result<Option<ArticleDetail>> {
        let store = self.store();
        let Some(a) = store.article(id)?.filter(|a| !a.gone) else {
            return Ok(None);
        };
        let summary = summary_of(&a);
        let found = self.findings(id)?;
        let paragraphs = store.paragraphs(id)?;
        let captions = store.captions(id)?;
        let furniture = store.furniture(a.page_id)?;
        let lines = self.page_lines(&a, &paragraphs, &captions, &furniture)?;
        Ok(Some(ArticleDetail {
            entities: merge_entities([found.entities.as_slice()]),
            quotes: found
                .quotes
                .iter()
                .map(|(_, q)| quote_view(&summary, q))
                .collect(),
            figures: found.figures,
            story: self.story_of(id)?,
            subtitle: a.subtitle,
            dateline: a.dateline,
            byline: a.byline,
            paragraphs,
            captions,
            furniture,
            lines,
            summary,
        }))
    }

    /// The raw page's lines, each with what extraction made of it (text
    /// dumps only: other pages have no lines to number).
    fn page_lines(
        &self,
        a: &StoredArticle,
        paragraphs: &[marsad_model::Paragraph],
        captions: &[marsad_model::Caption],
        furniture: &[marsad_model::Furniture],
    ) -> Result<Option<Vec<PageLine>>> {
        let store = self.store();
        let raw = match store.raw_pages_after(a.page_id - 1, 1)?.into_iter().next() {
            Some(Ok(raw)) if raw.id == a.page_id => raw,
            _ => return Ok(None),
        };
        if raw.page.format != marsad_model::PageFormat::Text {
            return Ok(None);
        }
        let mut class: HashMap<u32, (String, bool)> = HashMap::new();
        for other in store.page_articles(a.page_id)? {
            if other.id == a.id {
                continue;
            }
            for p in store.paragraphs(other.id)? {
                if let Some(l) = p.line {
                    class.insert(l, ("article".into(), false));
                }
            }
        }
        for f in furniture {
            if let Some(l) = f.line {
                class.insert(l, (f.kind.as_str().into(), true));
            }
        }
        for p in paragraphs {
            if let Some(l) = p.line {
                let kind = match p.kind {
                    marsad_model::ParagraphKind::Body => "body",
                    marsad_model::ParagraphKind::Subheading => "subheading",
                };
                class.insert(l, (kind.into(), false));
            }
        }
        for c in captions {
            if let Some(l) = c.line {
                class.insert(l, ("caption".into(), false));
            }
        }
        let title = a.title.as_deref().map(str::trim);
        let lines = raw
            .page
            .content
            .lines()
            .zip(1u32..)
            .map(|(text, line)| {
                let (class, furniture) = match class.get(&line) {
                    Some((c, f)) => (c.clone(), *f),
                    None if text.trim().is_empty() => ("blank".into(), false),
                    None if Some(text.trim()) == title => ("title".into(), false),
                    None => ("unkept".into(), false),
                };
                PageLine {
                    line,
                    text: text.to_string(),
                    class,
                    furniture,
                }
            })
            .collect();
        Ok(Some(lines))
    }

    /// One entity (by the entities stage's key, as a story page links to
    /// it): every story and quote of it under all its spellings, `None`
    /// when no live article mentions it.
    ///
    /// The stage keys each article's names on its own (an article that
    /// names only «بوتين» keeps `PERS:بتن`, one whose tagger took a city for
    /// a person keeps `PERS:…`), and story pages merge those keys with the
    /// [`EntityResolver`]. So this reads the rows under every key that may
    /// be the same entity ([`variant_keys`]), resolves them across their
    /// articles the same way, and keeps the rows that resolve with the
    /// key's own.
    pub fn entity_detail(&self, key: &str) -> Result<Option<EntityDetail>> {
        let store = self.store();
        let keys = variant_keys(key);
        let query = |kind: &str| StageQuery::Keys {
            kind: kind.into(),
            keys: keys.clone(),
        };
        let entity_rows = store.stage_rows(ENTITIES, &query(ENTITY))?;
        // Quotes of a speaker named by a role ("الرئيس الروسي") are kept
        // under no key; story pages give them to the entity they name.
        let quote_rows = store.stage_rows(
            ENTITIES,
            &StageQuery::Keys {
                kind: "quote".into(),
                keys: keys.iter().cloned().chain([String::new()]).collect(),
            },
        )?;
        let mut ids: Vec<i64> = entity_rows
            .iter()
            .chain(&quote_rows)
            .filter_map(|r| r.article_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let live: HashMap<i64, ArticleSummary> = store
            .articles(&ids)?
            .iter()
            .filter(|a| !a.gone)
            .map(|a| (a.id, summary_of(a)))
            .collect();
        let bad = |e: serde_json::Error| EngineError::Stage {
            stage: ENTITIES.into(),
            source: Box::new(e),
        };
        // One document per live article, in id order (as stored).
        let mut per_article: BTreeMap<i64, Vec<(String, EntityMentions)>> = BTreeMap::new();
        for row in entity_rows {
            let Some(article) = row.article_id.filter(|id| live.contains_key(id)) else {
                continue;
            };
            let m: EntityMentions = serde_json::from_str(&row.value).map_err(bad)?;
            per_article.entry(article).or_default().push((row.key, m));
        }
        let Some((target, resolved)) = resolve_variants(key, &per_article) else {
            return Ok(None);
        };
        let kept: Vec<(i64, &(String, EntityMentions))> = per_article
            .iter()
            .flat_map(|(&article, found)| found.iter().map(move |f| (article, f)))
            .filter(|(article, (stored, _))| {
                resolved.get(&(*article, stored.clone())) == Some(&target.key)
            })
            .collect();
        let kept_ids: Vec<i64> = kept.iter().map(|(a, _)| *a).collect();
        let story_of = self.stories_of(&kept_ids)?;
        let mut stories: BTreeMap<String, EntityStory> = BTreeMap::new();
        let mut entity = EntitySummary {
            key: key.to_string(),
            canonical: target.canonical.clone(),
            entity_type: target.entity_type,
            role: None,
            variants: Vec::new(),
            articles: 0,
            mentions: 0,
        };
        let mut seen: HashSet<i64> = HashSet::new();
        for (article, (_, m)) in &kept {
            if seen.insert(*article) {
                entity.articles += 1;
            }
            entity.mentions += m.mentions.len();
            if entity.role.is_none() {
                entity.role = m.role.clone();
            }
            for v in &m.variants {
                if !entity.variants.contains(v) {
                    entity.variants.push(v.clone());
                }
            }
        }
        for article in seen
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
        {
            let (Some(story), Some(a)) = (story_of.get(&article), live.get(&article)) else {
                continue;
            };
            let day = day_of(a);
            let s = stories.entry(story.clone()).or_insert_with(|| EntityStory {
                id: story.clone(),
                title: a.title.clone(),
                articles: 0,
                last: None,
            });
            s.articles += 1;
            s.last = s.last.take().max(day);
        }
        let mut quotes = Vec::new();
        for row in quote_rows {
            let Some(a) = row.article_id.and_then(|id| live.get(&id)) else {
                continue;
            };
            let q: Quote = serde_json::from_str(&row.value).map_err(bad)?;
            let theirs = if row.key.is_empty() {
                q.speaker_entity.as_deref() == Some(target.canonical.as_str())
            } else {
                resolved.get(&(a.id, row.key.clone())) == Some(&target.key)
            };
            if theirs {
                quotes.push(quote_view(a, &q));
            }
        }
        let mut stories: Vec<EntityStory> = stories.into_values().collect();
        stories.sort_by(|a, b| b.last.cmp(&a.last).then_with(|| a.id.cmp(&b.id)));
        Ok(Some(EntityDetail {
            entity,
            stories,
            quotes,
        }))
    }
}

/// The stored keys that may name the same entity as `key`: the same name
/// under every type (the tagger may call a city a person in one article),
/// and, for a name of several words, its first and its last word alone
/// (a surname, or a family name written first, in an article that never
/// gives the full name). A country's alias key (`KP`) is itself alone.
pub(crate) fn variant_keys(key: &str) -> Vec<String> {
    let Some((_, name)) = key.split_once(':') else {
        return vec![key.to_string()];
    };
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut names = vec![name.to_string()];
    if words.len() > 1 {
        names.extend(words.first().map(|w| w.to_string()));
        names.extend(words.last().map(|w| w.to_string()));
    }
    let mut keys = vec![key.to_string()];
    for ty in EntityType::ALL {
        for n in &names {
            let k = format!("{}:{n}", ty.label());
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// The key each (article, stored key) resolves to.
type ResolvedKeys = HashMap<(i64, String), String>;

/// The entity `key` resolves to across `per_article` (each article's
/// findings under the candidate keys), and the resolved key of every
/// (article, stored key); `None` when neither the key's own rows nor any
/// resolution gives it.
fn resolve_variants(
    key: &str,
    per_article: &BTreeMap<i64, Vec<(String, EntityMentions)>>,
) -> Option<(marsad_entities::CanonicalEntity, ResolvedKeys)> {
    let mut resolver = EntityResolver::new();
    let mut stored: Vec<(i64, Vec<&str>)> = Vec::with_capacity(per_article.len());
    for (&article, found) in per_article {
        // One entity per spelling: what the resolver matches on is the
        // name, its canonical form, type and key, not where it stands.
        let mut entities = Vec::new();
        let mut keys = Vec::new();
        for (k, m) in found {
            for v in &m.variants {
                entities.push(Entity {
                    text: v.clone(),
                    entity_type: m.entity_type,
                    start: 0,
                    end: 0,
                    canonical: m.canonical.clone(),
                    role: m.role.clone(),
                    key: k.clone(),
                });
                keys.push(k.as_str());
            }
        }
        resolver.add(&entities);
        stored.push((article, keys));
    }
    let resolution = resolver.resolve();
    let mut resolved: HashMap<(i64, String), String> = HashMap::new();
    let mut own: HashMap<&str, usize> = HashMap::new();
    for ((article, keys), got) in stored.iter().zip(&resolution.keys) {
        for (k, r) in keys.iter().zip(got) {
            resolved
                .entry((*article, k.to_string()))
                .or_insert_with(|| r.clone());
            if *k == key {
                *own.entry(r.as_str()).or_default() += 1;
            }
        }
    }
    // The key's own rows decide; without any, a resolved key equal to it.
    let target = own
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
        .or_else(|| resolution.get(key).map(|e| e.key.clone()))?;
    let entity = resolution.get(&target)?.clone();
    Some((entity, resolved))
}

impl Library {
    /// Open the search index if there was none when this library was
    /// opened (a server started before the first ingest).
    pub fn open_index_if_missing(&mut self) {
        if self.index.is_none() {
            self.index = marsad_index::Index::open(self.data.index()).ok();
        }
    }
}
