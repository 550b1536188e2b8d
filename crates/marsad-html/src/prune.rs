//! Decides, per node, whether it is visible article material, hidden, or page
//! furniture — in one forward pass where children inherit from parents.

use marsad_model::FurnitureKind;

use crate::dom::{attr, class_id_lower, Data, Dom, Tag, NO_PARENT};
use crate::patterns::{self, groups_of, Group, Groups};
use crate::settings::{
    MAX_CAPTION_CHARS, MAX_LINK_DENSITY, MIN_BODY_MARKER_CHARS, MIN_PARAGRAPH_CHARS,
    PROSE_GUARD_SHARE, WRAPPER_GUARD_SHARE,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prune {
    Keep,
    /// Not rendered (scripts, `display:none`, screen-reader text).
    Hidden,
    Furniture(FurnitureKind),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct NodeInfo {
    pub prune: Prune,
    /// The outermost node of the pruned region this node lies in.
    pub prune_root: u32,
    /// Inside a `figcaption` or an element with a caption class.
    pub caption: bool,
    /// The node's own class/id names an article body.
    pub body_marker: bool,
    /// Inside an `<article>` or `<main>`.
    pub in_story: bool,
}

/// Classifies every node of `dom`.
pub(crate) fn classify(dom: &Dom<'_>) -> Vec<NodeInfo> {
    let n = dom.len();
    let text_chars = visible_text_chars(dom);
    let page_chars = text_chars.first().copied().unwrap_or(0) as f32;
    let guard = (page_chars * WRAPPER_GUARD_SHARE).max(1.0);
    let holds_body = body_marker_holders(dom, &text_chars);
    let prose = raw_prose_chars(dom);
    let prose_guard = (prose.first().copied().unwrap_or(0) as f32 * PROSE_GUARD_SHARE).max(1.0);

    let mut info = Vec::with_capacity(n);
    let mut buf = String::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        let parent = if node.parent == NO_PARENT {
            None
        } else {
            Some(info[node.parent as usize])
        };
        let mut me = parent.unwrap_or(NodeInfo {
            prune: Prune::Keep,
            prune_root: NO_PARENT,
            caption: false,
            body_marker: false,
            in_story: false,
        });
        me.body_marker = false;
        if me.prune != Prune::Keep && matches!(node.tag, Tag::Script | Tag::Skip) {
            me.prune = Prune::Hidden;
            me.prune_root = i as u32;
        }
        if let (Data::Element(e), Prune::Furniture(_)) = (node.data, me.prune) {
            // Inside furniture, a more specific kind names its own region
            // (the menu inside the page header is navigation).
            class_id_lower(e, &mut buf);
            let groups = groups_of(&buf);
            if let Prune::Furniture(kind) = own_prune(node.tag, e, groups, false, me.in_story) {
                if kind != FurnitureKind::Other {
                    me.prune = Prune::Furniture(kind);
                    me.prune_root = i as u32;
                }
            }
        }
        if matches!(node.tag, Tag::Article | Tag::Main) {
            me.in_story = true;
        }
        if let (Data::Element(e), Prune::Keep) = (node.data, me.prune) {
            class_id_lower(e, &mut buf);
            let groups = groups_of(&buf);
            me.body_marker = groups.has(Group::Body) || attr(e, "itemprop") == Some("articleBody");
            if matches!(node.tag, Tag::Figcaption)
                || ((text_chars[i] as usize) < MAX_CAPTION_CHARS && groups.has(Group::Caption))
            {
                me.caption = true;
            }
            let own = own_prune(node.tag, e, groups, me.body_marker, me.in_story);
            // Footers hold prose of their own (contact lines, disclaimers):
            // only the structural guards apply to them.
            let prose_guarded =
                prose[i] as f32 >= prose_guard && own != Prune::Furniture(FurnitureKind::Footer);
            let guarded = text_chars[i] as f32 >= guard
                || holds_body[i]
                || prose_guarded
                || matches!(node.tag, Tag::Html | Tag::Body | Tag::Main);
            match own {
                Prune::Keep => {}
                // Comment threads hold prose of their own, so the prose guard
                // cannot protect from them; but a "comments" class on an element
                // that holds the article body is a state flag
                // (`comments-enabled`, `noloaddisqus`), not a thread.
                Prune::Furniture(FurnitureKind::Comments) if !holds_body[i] => {
                    me.prune = own;
                    me.prune_root = i as u32;
                }
                _ if guarded && !matches!(node.tag, Tag::Head | Tag::Script | Tag::Skip) => {}
                _ => {
                    me.prune = own;
                    me.prune_root = i as u32;
                }
            }
        }
        info.push(me);
    }
    info
}

/// What an element says about itself, ignoring its ancestors.
fn own_prune(
    tag: Tag,
    e: &scraper::node::Element,
    groups: Groups,
    body_marker: bool,
    in_story: bool,
) -> Prune {
    match tag {
        Tag::Head | Tag::Script | Tag::Skip | Tag::Title | Tag::Meta => return Prune::Hidden,
        Tag::Nav => return Prune::Furniture(FurnitureKind::Navigation),
        Tag::Footer => return Prune::Furniture(FurnitureKind::Footer),
        Tag::Aside => return Prune::Furniture(FurnitureKind::Other),
        Tag::Header if in_story => return Prune::Furniture(FurnitureKind::Other),
        Tag::Header => return Prune::Furniture(FurnitureKind::Branding),
        Tag::Form => return Prune::Furniture(FurnitureKind::Other),
        _ => {}
    }
    for (name, value) in e.attrs() {
        match name {
            "hidden" => return Prune::Hidden,
            "aria-hidden" if value.eq_ignore_ascii_case("true") => return Prune::Hidden,
            "style" if is_hidden_style(value) => return Prune::Hidden,
            "role" => match value {
                "navigation" | "menu" | "menubar" => {
                    return Prune::Furniture(FurnitureKind::Navigation)
                }
                "contentinfo" => return Prune::Furniture(FurnitureKind::Footer),
                "complementary" => return Prune::Furniture(FurnitureKind::Other),
                "banner" => return Prune::Furniture(FurnitureKind::Branding),
                _ => {}
            },
            _ => {}
        }
    }
    if groups == Groups::default() {
        return Prune::Keep;
    }
    if groups.has(Group::Hidden) {
        return Prune::Hidden;
    }
    if body_marker {
        return Prune::Keep;
    }
    for (kind, group) in patterns::DISCARD {
        if groups.has(*group) {
            return Prune::Furniture(*kind);
        }
    }
    Prune::Keep
}

fn is_hidden_style(style: &str) -> bool {
    let mut compact = [0u8; 64];
    let mut len = 0;
    let mut found = false;
    // Look at `display:none` / `visibility:hidden` ignoring spaces and case.
    for b in style.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let b = b.to_ascii_lowercase();
        if b == b';' {
            found |= is_hidden_decl(&compact[..len]);
            len = 0;
        } else if len < compact.len() {
            compact[len] = b;
            len += 1;
        }
    }
    found || is_hidden_decl(&compact[..len])
}

fn is_hidden_decl(decl: &[u8]) -> bool {
    decl.starts_with(b"display:none") || decl.starts_with(b"visibility:hidden")
}

/// Whether each node is or contains an element whose class/id names an
/// article body and which holds real text (not a teaser card).
fn body_marker_holders(dom: &Dom<'_>, text_chars: &[u32]) -> Vec<bool> {
    let n = dom.len();
    let mut holds = vec![false; n];
    let mut buf = String::new();
    for (i, node) in dom.nodes.iter().enumerate() {
        if let Data::Element(e) = node.data {
            if (text_chars[i] as usize) >= MIN_BODY_MARKER_CHARS {
                class_id_lower(e, &mut buf);
                holds[i] =
                    groups_of(&buf).has(Group::Body) || attr(e, "itemprop") == Some("articleBody");
            }
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        if holds[i] && p != NO_PARENT {
            holds[p as usize] = true;
        }
    }
    holds
}

/// Characters of prose blocks (text long enough, few links, not a heading or
/// list item) in each subtree, before any pruning. A block is approximated by
/// all text whose innermost block-level ancestor is the same element.
fn raw_prose_chars(dom: &Dom<'_>) -> Vec<u32> {
    let n = dom.len();
    let mut owner = vec![0u32; n];
    let mut in_link = vec![false; n];
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    let mut i = 0usize;
    while i < n {
        let node = &dom.nodes[i];
        let parent = node.parent;
        let (p_owner, p_link) = if parent == NO_PARENT {
            (0, false)
        } else {
            (owner[parent as usize], in_link[parent as usize])
        };
        match node.data {
            Data::Element(_) if matches!(node.tag, Tag::Head | Tag::Script | Tag::Skip) => {
                i = node.end as usize;
                continue;
            }
            Data::Text(t) => {
                let chars = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
                let o = p_owner as usize;
                text[o] = text[o].saturating_add(chars);
                if p_link {
                    link[o] = link[o].saturating_add(chars);
                }
            }
            _ => {
                owner[i] = if node.tag.is_block() {
                    i as u32
                } else {
                    p_owner
                };
                in_link[i] = p_link || node.tag == Tag::A;
            }
        }
        i += 1;
    }
    let mut prose = vec![0u32; n];
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        if text[i] as usize >= MIN_PARAGRAPH_CHARS
            && (link[i] as f32) <= text[i] as f32 * MAX_LINK_DENSITY
            && !matches!(node.tag, Tag::Heading(_) | Tag::Li)
        {
            prose[i] = prose[i].saturating_add(text[i]);
        }
        let p = node.parent;
        if p != NO_PARENT && i > 0 {
            prose[p as usize] = prose[p as usize].saturating_add(prose[i]);
        }
    }
    prose
}

/// Non-whitespace characters of visible text in each subtree.
fn visible_text_chars(dom: &Dom<'_>) -> Vec<u32> {
    let n = dom.len();
    let mut chars = vec![0u32; n];
    let mut i = 0usize;
    while i < n {
        let node = &dom.nodes[i];
        match node.data {
            Data::Element(_) if matches!(node.tag, Tag::Head | Tag::Script | Tag::Skip) => {
                i = node.end as usize;
                continue;
            }
            Data::Text(t) => {
                chars[i] = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
            }
            _ => {}
        }
        i += 1;
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent;
        if p != NO_PARENT {
            chars[p as usize] = chars[p as usize].saturating_add(chars[i]);
        }
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_styles() {
        assert!(is_hidden_style("color: red; display : none"));
        assert!(is_hidden_style("VISIBILITY:hidden"));
        assert!(!is_hidden_style("display:block"));
    }
}
