//! Training and evaluation support: the corpus readers (ANERcorp, Wojood), their alignment
//! with the analyzer's own tokens, and the span metrics (exact and overlap micro F1).
//!
//! A corpus sentence is a list of corpus tokens with BIO tags. It is turned into text (tokens
//! joined by spaces) and tokenized the way [`crate::Analyzer`] tokenizes articles, so the
//! tagger trains on exactly what it will see; each of our tokens takes the tag of the corpus
//! token it lies in (B only on the first of them). Predictions are mapped back to corpus
//! tokens (a corpus token takes the tag of its first word) for scoring, since ANERcorp's spans
//! are whole tokens with their clitics.

use crate::tagger::{b_tag, Example};
use crate::tokens::{Kind, Tokens};
use crate::EntityType;

/// One corpus sentence: tokens and their tags (`O`, `B-PERS`, …, already mapped to the four
/// types of this crate).
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// How a Wojood type maps to ours: PERS; GPE and LOC → LOC; ORG; EVENT, PRODUCT, LAW,
/// LANGUAGE and NORP → MISC (ANERcorp's MISC holds events, products and nationality
/// groups of that kind); dates, numbers, occupations, facilities and the rest → O.
pub fn map_wojood_type(t: &str) -> Option<&'static str> {
    match t {
        "PERS" => Some("PERS"),
        "GPE" | "LOC" => Some("LOC"),
        "ORG" => Some("ORG"),
        "EVENT" | "PRODUCT" | "LAW" | "LANGUAGE" | "NORP" => Some("MISC"),
        _ => None,
    }
}

/// Reads ANERcorp (`token TAG` lines); a sentence ends after a `.` token. Lines without a
/// token or tag are skipped.
pub fn read_anercorp(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(tok), Some(tag)) = (parts.next(), parts.next()) else {
            continue;
        };
        let tag = match tag {
            "O" | "B-PERS" | "I-PERS" | "B-LOC" | "I-LOC" | "B-ORG" | "I-ORG" | "B-MISC"
            | "I-MISC" => tag,
            _ => "O",
        };
        cur.tokens.push(tok.to_owned());
        cur.tags.push(tag.to_owned());
        if tok == "." {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(repair_bio).collect()
}

/// Reads Wojood (`token TAG [TAG…]`, blank line or `$#$` between sentences). Of nested
/// tags, the first that maps to one of our types is kept.
pub fn read_wojood(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let Some(tok) = parts.next() else {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        };
        if tok == "$#$" {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut tag = "O".to_owned();
        for t in parts {
            if let Some((bio, ty)) = t.split_once('-') {
                if let Some(m) = map_wojood_type(ty) {
                    tag = format!("{bio}-{m}");
                    break;
                }
            }
        }
        cur.tokens.push(tok.to_owned());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(repair_bio).collect()
}

/// An I tag that does not continue its type becomes B.
fn repair_bio(mut s: Sentence) -> Sentence {
    let mut prev = String::from("O");
    for t in s.tags.iter_mut() {
        if let Some(ty) = t.strip_prefix("I-") {
            if prev.get(2..) != Some(ty) {
                *t = format!("B-{ty}");
            }
        }
        prev = t.clone();
    }
    s
}

fn tag_index(tag: &str) -> (bool, Option<EntityType>) {
    let ty = tag.get(2..).and_then(EntityType::from_label);
    (tag.starts_with("B-"), ty)
}

/// Our tokens of a corpus sentence, and for each the index of the corpus token it lies in.
pub fn align(s: &Sentence) -> (Tokens, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(s.tokens.len());
    for t in &s.tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(t);
    }
    let tokens = Tokens::new(&text);
    let owner = tokens
        .toks
        .iter()
        .map(|t| {
            starts
                .partition_point(|&st| st <= t.start)
                .saturating_sub(1)
        })
        .collect();
    (tokens, owner)
}

/// A training example from a corpus sentence.
pub fn example(s: &Sentence) -> Example {
    let (tokens, owner) = align(s);
    let mut tags = Vec::with_capacity(owner.len());
    let mut last_owner = usize::MAX;
    for (i, &o) in owner.iter().enumerate() {
        let (begin, ty) = tag_index(s.tags.get(o).map(String::as_str).unwrap_or("O"));
        let tag = match ty {
            None => 0,
            Some(ty) => {
                let b = b_tag(ty);
                // Punctuation inside a corpus token ("أفغانستان؛") is outside the entity.
                if tokens.kind(i) == Some(Kind::Punct) {
                    0
                } else if begin && o != last_owner {
                    b
                } else {
                    b + 1
                }
            }
        };
        if tag != 0 {
            last_owner = o;
        }
        tags.push(tag);
    }
    // Keep the tag sequence valid after the punctuation holes.
    for i in 0..tags.len() {
        let prev = if i == 0 { 0 } else { tags[i - 1] };
        if !crate::tagger::allowed(prev, tags[i]) {
            tags[i] -= 1;
        }
    }
    Example { tokens, tags }
}

/// A labelled span over corpus tokens: `start..end` and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub ty: EntityType,
}

/// The spans of a BIO tag sequence over corpus tokens.
pub fn spans_of_tags(tags: &[String]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for (i, t) in tags.iter().enumerate() {
        let (begin, ty) = tag_index(t);
        match (ty, open.as_mut()) {
            (Some(ty), Some(sp)) if !begin && sp.ty == ty => sp.end = i + 1,
            (Some(ty), _) => {
                out.extend(open.take());
                open = Some(Span {
                    start: i,
                    end: i + 1,
                    ty,
                });
            }
            (None, _) => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// Counts for one type (or all): true positives, predicted, gold.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Exact and overlap counts per type (index = [`EntityType::index`]).
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub exact: [Counts; 4],
    pub overlap: [Counts; 4],
}

impl Score {
    /// Scores the predicted spans of one sentence against the gold spans. Overlap matches
    /// are one-to-one: each gold span matches at most one predicted span of its type.
    pub fn add(&mut self, gold: &[Span], pred: &[Span]) {
        for ty in EntityType::ALL {
            let g: Vec<&Span> = gold.iter().filter(|s| s.ty == ty).collect();
            let p: Vec<&Span> = pred.iter().filter(|s| s.ty == ty).collect();
            let k = ty.index();
            let exact = p.iter().filter(|s| g.contains(s)).count();
            self.exact[k].add(Counts {
                tp: exact,
                pred: p.len(),
                gold: g.len(),
            });
            let mut used = vec![false; g.len()];
            let mut tp = 0;
            for s in &p {
                if let Some(j) =
                    (0..g.len()).find(|&j| !used[j] && s.start < g[j].end && g[j].start < s.end)
                {
                    used[j] = true;
                    tp += 1;
                }
            }
            self.overlap[k].add(Counts {
                tp,
                pred: p.len(),
                gold: g.len(),
            });
        }
    }

    pub fn merge(&mut self, o: &Score) {
        for k in 0..4 {
            self.exact[k].add(o.exact[k]);
            self.overlap[k].add(o.overlap[k]);
        }
    }

    pub fn micro(counts: &[Counts; 4]) -> Counts {
        let mut c = Counts::default();
        for x in counts {
            c.add(*x);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_tokens_map_to_our_tokens_with_punctuation_outside() {
        let s = Sentence {
            tokens: vec!["ذهب".into(), "لأفغانستان؛".into(), "أمس".into()],
            tags: vec!["O".into(), "B-LOC".into(), "O".into()],
        };
        let ex = example(&s);
        assert_eq!(ex.tags, vec![0, 3, 0, 0]);
    }

    #[test]
    fn wojood_nested_tags_keep_the_first_mapped_one() {
        let s = read_wojood("جامعة B-ORG\nبيرزيت I-ORG B-GPE\nفي O\n\nيوم B-DATE\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, vec!["B-ORG", "I-ORG", "O"]);
        assert_eq!(s[1].tags, vec!["O"]);
    }

    #[test]
    fn overlap_is_one_to_one() {
        let g = [Span {
            start: 0,
            end: 3,
            ty: EntityType::Pers,
        }];
        let p = [
            Span {
                start: 0,
                end: 1,
                ty: EntityType::Pers,
            },
            Span {
                start: 2,
                end: 3,
                ty: EntityType::Pers,
            },
        ];
        let mut s = Score::default();
        s.add(&g, &p);
        let k = EntityType::Pers.index();
        assert_eq!(
            (s.overlap[k].tp, s.overlap[k].pred, s.exact[k].tp),
            (1, 2, 0)
        );
    }
}
