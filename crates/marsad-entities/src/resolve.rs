//! One entity for every spelling, across documents.
//!
//! Each document's entities arrive already resolved within the document (a surname carries
//! the full name met in it as `canonical`; country names carry their alias id). The resolver
//! merges them across documents:
//! 1. same alias id (iso-codes / CLDR names of one country);
//! 2. same type and the same name up to spelling ([`crate::names::same_name`]: word by word,
//!    transliteration letters and vowels may differ, different names never meet);
//! 3. a one-word person name (ترامب) that no document completed goes to the only full
//!    person name that ends with it (دونالد ترامب) or, for names written family name first,
//!    starts with it (كيم); among several candidates (كيم جونغ أون, كيم جونغ إيل for كيم)
//!    only one mentioned at least [`DOMINANCE`] times as often as any other takes it, else
//!    it stays alone.
//!
//! 4. a treaty name ([`crate::names::document_name_stems`]: ميثاق/اتفاقية/معاهدة and the
//!    same qualifying words) is one entity whatever its head noun; a name of fewer of those
//!    words goes to the one most complete name that has them all.
//!
//! Types do not split an entity (the tagger may call بيونغ يانغ a person in one article and
//! a place in another): the type is the one most mentions got.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::names::{
    document_name_stems, entity_key, fewer_document_words, most_complete, name_key, same_name,
    same_word, word_skeletons,
};
use crate::{Entity, EntityType};

/// How many times more mentions the leading full name needs than the next to take a one-word
/// name that several full names share.
pub const DOMINANCE: usize = 2;

/// One mention: which document (its index in the order of [`EntityResolver::add`]) and which
/// of its entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Mention {
    pub document: usize,
    pub entity: usize,
}

/// An entity across documents.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CanonicalEntity {
    /// Stable key: `LOC:KP` for a country or region of the alias table, otherwise the type
    /// and the per-word skeletons of the canonical name (`PERS:دنلد ترمب`).
    pub key: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Every spelling seen, with its count.
    pub variants: BTreeMap<String, usize>,
    pub mentions: Vec<Mention>,
}

/// The outcome: canonical entities, and the key of every mention.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    pub entities: Vec<CanonicalEntity>,
    /// `keys[document][entity]` = the key of that mention's canonical entity.
    pub keys: Vec<Vec<String>>,
}

impl Resolution {
    /// The canonical entity of a key.
    pub fn get(&self, key: &str) -> Option<&CanonicalEntity> {
        self.entities.iter().find(|e| e.key == key)
    }
}

struct Group {
    ty: EntityType,
    votes: [usize; 4],
    alias: Option<String>,
    /// Stems of a treaty name.
    doc: Option<Vec<String>>,
    /// Name key of the best canonical name.
    key: String,
    words: usize,
    canonicals: BTreeMap<String, usize>,
    variants: BTreeMap<String, usize>,
    mentions: Vec<Mention>,
    merged_into: Option<usize>,
}

/// Collects documents' entities, then [`EntityResolver::resolve`]s them.
#[derive(Default)]
pub struct EntityResolver {
    groups: Vec<Group>,
    by_alias: FxHashMap<String, usize>,
    /// Skeleton of the last word → groups, to find candidates quickly.
    by_last: FxHashMap<String, Vec<usize>>,
    /// Skeleton of the first word → groups of several words.
    by_first: FxHashMap<String, Vec<usize>>,
    /// Treaty names by their stems.
    by_doc: FxHashMap<Vec<String>, usize>,
    documents: usize,
}

/// Types one name may be given by the tagger in different articles.
fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || (a != EntityType::Misc && b != EntityType::Misc)
}

fn is_alias_key(k: &str) -> bool {
    k.is_ascii()
}

impl EntityResolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one document's entities (as [`crate::Analyzer::analyze`] returns them); returns
    /// the document's index.
    pub fn add(&mut self, entities: &[Entity]) -> usize {
        let doc = self.documents;
        self.documents += 1;
        for (n, e) in entities.iter().enumerate() {
            let g = self.group_for(e);
            let grp = &mut self.groups[g];
            grp.votes[e.entity_type.index()] += 1;
            *grp.variants.entry(e.text.clone()).or_default() += 1;
            *grp.canonicals.entry(e.canonical.clone()).or_default() += 1;
            grp.mentions.push(Mention {
                document: doc,
                entity: n,
            });
        }
        doc
    }

    fn group_for(&mut self, e: &Entity) -> usize {
        if is_alias_key(&e.key) && !e.key.is_empty() {
            if let Some(&g) = self.by_alias.get(&e.key) {
                return g;
            }
        }
        let key = entity_key(e.entity_type, &e.canonical);
        let doc = (e.entity_type == EntityType::Misc)
            .then(|| document_name_stems(&key))
            .flatten();
        if let Some(d) = &doc {
            if let Some(&g) = self.by_doc.get(d) {
                return g;
            }
        }
        let words = key.split(' ').count();
        let skels = word_skeletons(&key);
        let slot = skels.last().cloned().unwrap_or_default();
        if doc.is_none() && (!is_alias_key(&e.key) || e.key.is_empty()) {
            if let Some(cands) = self.by_last.get(&slot) {
                for &g in cands {
                    let grp = &self.groups[g];
                    if grp.alias.is_none()
                        && grp.doc.is_none()
                        && same_name(&grp.key, &key)
                        && compatible(grp.ty, e.entity_type)
                    {
                        return g;
                    }
                }
            }
        }
        let g = self.groups.len();
        let alias = (is_alias_key(&e.key) && !e.key.is_empty()).then(|| e.key.clone());
        if let Some(a) = &alias {
            self.by_alias.insert(a.clone(), g);
        }
        if let Some(d) = &doc {
            self.by_doc.insert(d.clone(), g);
        }
        self.by_last.entry(slot).or_default().push(g);
        if words > 1 {
            if let Some(f) = skels.first() {
                self.by_first.entry(f.clone()).or_default().push(g);
            }
        }
        self.groups.push(Group {
            ty: e.entity_type,
            votes: [0; 4],
            alias,
            doc,
            key,
            words,
            canonicals: BTreeMap::new(),
            variants: BTreeMap::new(),
            mentions: Vec::new(),
            merged_into: None,
        });
        g
    }

    /// Merges one-word person names into the only full name ending with them, and returns
    /// the canonical entities.
    pub fn resolve(mut self) -> Resolution {
        for g in &mut self.groups {
            let best = (0..4)
                .max_by_key(|&t| (g.votes[t], t == g.ty.index()))
                .unwrap_or(0);
            g.ty = EntityType::from_index(best).unwrap_or(g.ty);
        }
        for g in 0..self.groups.len() {
            let grp = &self.groups[g];
            if grp.ty != EntityType::Pers || grp.words != 1 || grp.alias.is_some() {
                continue;
            }
            let w = grp.key.clone();
            let ws = word_skeletons(&w).pop().unwrap_or_default();
            let mut cands: Vec<usize> = Vec::new();
            for (index, at_end) in [(&self.by_last, true), (&self.by_first, false)] {
                for &t in index.get(&ws).into_iter().flatten() {
                    let tg = &self.groups[t];
                    if t == g || tg.words < 2 || tg.ty != EntityType::Pers || cands.contains(&t) {
                        continue;
                    }
                    let word = if at_end {
                        tg.key.rsplit(' ').next()
                    } else {
                        tg.key.split(' ').next()
                    };
                    let word = word.unwrap_or("");
                    let sk = word_skeletons(word).pop().unwrap_or_default();
                    if same_word(&w, word, &ws, &sk) {
                        cands.push(t);
                    }
                }
            }
            // One candidate per distinct person (كيم جونغ إيل and كيم جونغ إل are one).
            let mut people: Vec<(usize, usize)> = Vec::new(); // (representative, mentions)
            for &t in &cands {
                let n = self.groups[t].mentions.len();
                match people
                    .iter_mut()
                    .find(|(r, _)| same_name(&self.groups[*r].key, &self.groups[t].key))
                {
                    Some(p) => p.1 += n,
                    None => people.push((t, n)),
                }
            }
            people.sort_by_key(|p| std::cmp::Reverse(p.1));
            let target = match people[..] {
                [(t, _)] => Some(t),
                [(t, a), (_, b), ..] if a >= DOMINANCE * b => Some(t),
                _ => None,
            };
            if let Some(t) = target {
                self.groups[g].merged_into = Some(t);
            }
        }
        // Treaty names of fewer words: the one most complete name that has them all.
        let docs: Vec<usize> = (0..self.groups.len())
            .filter(|&g| self.groups[g].doc.is_some())
            .collect();
        for &g in &docs {
            let s = self.groups[g].doc.as_deref().unwrap_or(&[]);
            let supersets: Vec<usize> = docs
                .iter()
                .copied()
                .filter(|&t| {
                    t != g
                        && self.groups[t]
                            .doc
                            .as_deref()
                            .is_some_and(|d| fewer_document_words(s, d))
                })
                .collect();
            let best = most_complete(&supersets, |t| self.groups[t].doc.as_deref().unwrap_or(&[]));
            if let [t] = best[..] {
                self.groups[g].merged_into = Some(t);
            }
        }
        let mut out = Resolution {
            entities: Vec::new(),
            keys: vec![Vec::new(); self.documents],
        };
        let root = |groups: &[Group], mut g: usize| {
            while let Some(t) = groups[g].merged_into {
                g = t;
            }
            g
        };
        let mut index_of: FxHashMap<usize, usize> = FxHashMap::default();
        for g in 0..self.groups.len() {
            let r = root(&self.groups, g);
            let idx = *index_of.entry(r).or_insert_with(|| {
                let grp = &self.groups[r];
                out.entities.push(CanonicalEntity {
                    key: String::new(),
                    canonical: String::new(),
                    entity_type: grp.ty,
                    variants: BTreeMap::new(),
                    mentions: Vec::new(),
                });
                out.entities.len() - 1
            });
            let grp = &self.groups[g];
            let ce = &mut out.entities[idx];
            for (v, n) in &grp.variants {
                *ce.variants.entry(v.clone()).or_default() += n;
            }
            ce.mentions.extend(grp.mentions.iter().copied());
        }
        for (&r, &idx) in &index_of {
            let grp = &self.groups[r];
            // The canonical name: the most frequent of the most complete ones.
            let best = grp
                .canonicals
                .iter()
                .max_by_key(|(c, n)| {
                    (
                        name_key(c).split(' ').count(),
                        **n,
                        std::cmp::Reverse((*c).clone()),
                    )
                })
                .map(|(c, _)| c.clone())
                .unwrap_or_default();
            let ce = &mut out.entities[idx];
            ce.key = match &grp.alias {
                Some(a) => a.clone(),
                None => format!(
                    "{}:{}",
                    grp.ty.label(),
                    word_skeletons(&name_key(&best)).join(" ")
                ),
            };
            ce.canonical = best;
        }
        out.entities.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then(a.key.cmp(&b.key))
        });
        for ce in &mut out.entities {
            ce.mentions.sort_by_key(|m| (m.document, m.entity));
        }
        for ce in &out.entities {
            for m in &ce.mentions {
                let keys = &mut out.keys[m.document];
                if keys.len() <= m.entity {
                    keys.resize(m.entity + 1, String::new());
                }
                keys[m.entity] = ce.key.clone();
            }
        }
        out
    }
}
