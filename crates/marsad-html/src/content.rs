//! Finds the article container(s) and turns their blocks into paragraphs.
//!
//! Every block votes for the elements around it: prose for, short lines a
//! little against, link lists strongly against. A container's score is the sum
//! of the votes inside it (one reverse pass over the pre-order vector), and
//! the best container is the one with the highest score — it grows to take in
//! paragraphs split across sibling `div`s, and stops where the link lists begin.

use marsad_model::{Caption, FurnitureKind, Paragraph, ParagraphKind};

use crate::blocks::Block;
use crate::dom::{Data, Dom, Tag, NO_PARENT};
use crate::patterns::CUES;
use crate::prune::{NodeInfo, Prune};
use crate::settings::{
    BODY_MARKER_BONUS, LINK_BLOCK_PENALTY, MARKER_MIN_SHARE, MARKER_SIBLING_SHARE,
    MAX_LINK_DENSITY, MIN_APPENDED_ARTICLE_CHARS, MIN_ARTICLE_CHARS, MIN_PARAGRAPH_CHARS,
    SHORT_BLOCK_PENALTY,
};

/// Per-node sums over the blocks of its subtree.
pub(crate) struct Scores {
    /// Sum of block votes.
    pub vote: Vec<f32>,
    /// Characters of prose blocks.
    pub prose: Vec<u32>,
}

/// Whether a block reads like prose (long enough, few links).
pub(crate) fn is_prose(b: &Block) -> bool {
    b.prune == Prune::Keep
        && !b.caption
        && b.heading == 0
        && b.chars as usize >= MIN_PARAGRAPH_CHARS
        && b.link_density() <= MAX_LINK_DENSITY
}

fn vote(b: &Block) -> f32 {
    if b.prune != Prune::Keep || b.caption {
        return 0.0;
    }
    let chars = b.chars as f32;
    if b.link_density() > MAX_LINK_DENSITY {
        -chars * LINK_BLOCK_PENALTY
    } else if b.heading > 0 || (b.chars as usize) < MIN_PARAGRAPH_CHARS {
        -chars * SHORT_BLOCK_PENALTY
    } else {
        chars
    }
}

pub(crate) fn score(dom: &Dom<'_>, blocks: &[Block]) -> Scores {
    let n = dom.len();
    let mut s = Scores {
        vote: vec![0.0; n],
        prose: vec![0; n],
    };
    for b in blocks {
        let o = b.owner as usize;
        s.vote[o] += vote(b);
        if is_prose(b) {
            s.prose[o] += b.chars;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NO_PARENT {
            let p = p as usize;
            s.vote[p] += s.vote[i];
            s.prose[p] += s.prose[i];
        }
    }
    s
}

fn can_contain_article(tag: Tag) -> bool {
    !matches!(
        tag,
        Tag::Heading(_)
            | Tag::A
            | Tag::Li
            | Tag::List
            | Tag::Br
            | Tag::Hr
            | Tag::Script
            | Tag::Skip
            | Tag::Head
            | Tag::Title
            | Tag::Meta
            | Tag::Time
            | Tag::Figcaption
            | Tag::Caption
    )
}

/// The best container in the subtree of `root`, if it holds enough prose.
pub(crate) fn best_container(
    dom: &Dom<'_>,
    info: &[NodeInfo],
    scores: &Scores,
    root: u32,
) -> Option<u32> {
    let mut best: Option<(u32, f32)> = None;
    let end = dom.nodes[root as usize].end;
    let mut i = root;
    while i < end {
        let node = &dom.nodes[i as usize];
        let ni = &info[i as usize];
        if ni.prune != Prune::Keep {
            i = node.end;
            continue;
        }
        if matches!(node.data, Data::Element(_)) && can_contain_article(node.tag) {
            let mut eff = scores.vote[i as usize];
            if ni.body_marker && eff > 0.0 {
                eff *= BODY_MARKER_BONUS;
            }
            // `>=`: on a tie the deeper (later) node wins, so wrappers lose.
            if best.is_none_or(|(_, b)| eff >= b) {
                best = Some((i, eff));
            }
        }
        i += 1;
    }
    let (idx, _) = best?;
    let idx = prefer_marked_body(dom, info, scores, idx);
    (scores.prose[idx as usize] as usize >= MIN_ARTICLE_CHARS).then_some(idx)
}

/// Inside the best-voted container, an element whose class names an article
/// body (`article-body`, `entry-content`…) and carries a fair share of the
/// votes is the better answer: the vote alone happily takes in teasers with
/// prose-like excerpts. Several such elements (a body split by an ad) give
/// their closest common ancestor.
fn prefer_marked_body(dom: &Dom<'_>, info: &[NodeInfo], scores: &Scores, best: u32) -> u32 {
    let total = scores.vote[best as usize];
    if total <= 0.0 {
        return best;
    }
    let end = dom.nodes[best as usize].end;
    let mut markers: Vec<u32> = Vec::new();
    let mut i = best + 1;
    while i < end {
        let node = &dom.nodes[i as usize];
        let ni = &info[i as usize];
        if ni.prune != Prune::Keep {
            i = node.end;
            continue;
        }
        if ni.body_marker && scores.vote[i as usize] > 0.0 {
            markers.push(i);
            i = node.end; // outermost markers only
            continue;
        }
        i += 1;
    }
    let Some(&top) = markers
        .iter()
        .max_by(|a, b| scores.vote[**a as usize].total_cmp(&scores.vote[**b as usize]))
    else {
        return best;
    };
    let top_vote = scores.vote[top as usize];
    if top_vote < total * MARKER_MIN_SHARE {
        return best;
    }
    let mut chosen = top;
    for &m in &markers {
        if m != top && scores.vote[m as usize] >= top_vote * MARKER_SIBLING_SHARE {
            chosen = common_ancestor(dom, chosen, m);
        }
    }
    chosen
}

fn common_ancestor(dom: &Dom<'_>, a: u32, b: u32) -> u32 {
    let mut x = a;
    while !dom.contains(x, b) {
        let p = dom.nodes[x as usize].parent;
        if p == NO_PARENT {
            return x;
        }
        x = p;
    }
    x
}

/// `<article>` elements (outermost only) that each carry a headline and
/// enough prose to be a story of their own.
pub(crate) fn story_elements(
    dom: &Dom<'_>,
    info: &[NodeInfo],
    scores: &Scores,
    blocks: &[Block],
) -> Vec<u32> {
    let mut found: Vec<u32> = Vec::new();
    let mut covered_until = 0u32;
    for (i, node) in dom.nodes.iter().enumerate() {
        let i = i as u32;
        if i < covered_until || info[i as usize].prune != Prune::Keep {
            continue;
        }
        let is_story = node.tag == Tag::Article
            || node
                .attr("itemtype")
                .is_some_and(|t| t.ends_with("NewsArticle") || t.ends_with("/Article"));
        if !is_story || (scores.prose[i as usize] as usize) < MIN_APPENDED_ARTICLE_CHARS {
            continue;
        }
        let has_headline = blocks
            .iter()
            .any(|b| b.heading > 0 && b.heading <= 3 && dom.contains(i, b.start));
        if has_headline {
            found.push(i);
            covered_until = node.end;
        }
    }
    found
}

/// What the body walk produces for one container.
#[derive(Default)]
pub(crate) struct Body {
    pub paragraphs: Vec<Paragraph>,
    pub captions: Vec<Caption>,
    /// Indices of the blocks turned into paragraphs.
    pub used: Vec<usize>,
    /// Text of `h1` blocks found inside the container.
    pub h1: Option<String>,
    /// Related-link blocks found inside the container (block indices).
    pub related: Vec<usize>,
}

/// Markup shown as text (a `<noscript>` image the parser kept as text).
fn is_markup(text: &str) -> bool {
    text.starts_with('<') && text.ends_with('>') && text.contains("=\"")
}

/// Turns the blocks inside `container` into paragraphs and captions.
pub(crate) fn body(dom: &Dom<'_>, blocks: &[Block], container: u32) -> Body {
    let mut out = Body::default();
    let mut in_related = false;
    let end = dom.nodes[container as usize].end;
    let first = blocks.partition_point(|b| b.start < container);
    for (k, b) in blocks.iter().enumerate().skip(first) {
        if b.start >= end {
            break;
        }
        if b.prune != Prune::Keep {
            continue;
        }
        if b.caption {
            out.captions.push(Caption {
                text: b.text.clone(),
                line: None,
            });
            continue;
        }
        let ld = b.link_density();
        if (ld > 0.0 || b.chars < 60 || b.heading > 0) && CUES.opens_related(&b.text, b.heading > 0)
        {
            in_related = true;
            out.related.push(k);
            continue;
        }
        if in_related {
            let heading = b.heading > 0 && ld <= MAX_LINK_DENSITY;
            if !heading
                && (b.in_li || ld > MAX_LINK_DENSITY || (b.chars as usize) < MIN_PARAGRAPH_CHARS)
            {
                out.related.push(k);
                continue;
            }
            in_related = false;
        }
        if b.heading == 1 {
            if out.h1.is_none() {
                out.h1 = Some(b.text.clone());
            }
            continue;
        }
        if ld > MAX_LINK_DENSITY || CUES.is_noise(&b.text) || is_markup(&b.text) {
            continue;
        }
        let kind = if b.heading > 0 {
            ParagraphKind::Subheading
        } else {
            ParagraphKind::Body
        };
        out.used.push(k);
        out.paragraphs.push(Paragraph {
            text: b.text.clone(),
            line: None,
            kind,
        });
    }
    // Headings after the last body paragraph introduce nothing.
    while out
        .paragraphs
        .last()
        .is_some_and(|p| p.kind == ParagraphKind::Subheading)
    {
        out.paragraphs.pop();
        out.used.pop();
    }
    out
}

/// Furniture kind of a block, if it is furniture.
pub(crate) fn furniture_kind(b: &Block) -> Option<FurnitureKind> {
    match b.prune {
        Prune::Furniture(k) => Some(k),
        _ => None,
    }
}
