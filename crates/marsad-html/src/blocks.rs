//! Cuts the page's visible text into blocks (paragraph-level units) in
//! document order, each remembering the element that holds it.

use crate::dom::{push_collapsed, Data, Dom, Tag};
use crate::prune::{NodeInfo, Prune};

#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The innermost block-level element around the text.
    pub owner: u32,
    /// The first text node of the block (increases in document order).
    pub start: u32,
    pub text: String,
    pub chars: u32,
    pub link_chars: u32,
    pub commas: u32,
    /// 1–6 inside a heading, else 0.
    pub heading: u8,
    /// Inside a list item.
    pub in_li: bool,
    pub caption: bool,
    pub prune: Prune,
    pub prune_root: u32,
}

impl Block {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// One open element during the walk, with what its text inherits.
#[derive(Clone, Copy)]
struct Open {
    end: u32,
    is_block: bool,
    owner: u32,
    heading: u8,
    in_li: bool,
    in_link: bool,
}

struct Builder {
    blocks: Vec<Block>,
    cur: Option<Block>,
    pending_space: bool,
}

impl Builder {
    fn flush(&mut self) {
        if let Some(b) = self.cur.take() {
            if b.chars > 0 {
                self.blocks.push(b);
            }
        }
        self.pending_space = false;
    }
}

/// Splits the visible text into blocks. Hidden subtrees are skipped entirely.
pub(crate) fn segment(dom: &Dom<'_>, info: &[NodeInfo]) -> Vec<Block> {
    let n = dom.len() as u32;
    let mut b = Builder {
        blocks: Vec::new(),
        cur: None,
        pending_space: false,
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0u32;
    while i < n {
        while let Some(top) = stack.last() {
            if top.end > i {
                break;
            }
            if top.is_block {
                b.flush();
            }
            stack.pop();
        }
        let node = &dom.nodes[i as usize];
        let ni = &info[i as usize];
        let inherited = stack.last().copied().unwrap_or(Open {
            end: n,
            is_block: true,
            owner: 0,
            heading: 0,
            in_li: false,
            in_link: false,
        });
        match node.data {
            Data::Document => {}
            Data::Element(_) => {
                if ni.prune == Prune::Hidden {
                    i = node.end;
                    continue;
                }
                if node.tag == Tag::Br || node.tag == Tag::Hr {
                    b.flush();
                }
                let is_block = node.tag.is_block();
                if is_block {
                    b.flush();
                }
                stack.push(Open {
                    end: node.end,
                    is_block,
                    owner: if is_block { i } else { inherited.owner },
                    heading: match node.tag {
                        Tag::Heading(h) => h,
                        _ => inherited.heading,
                    },
                    in_li: inherited.in_li || node.tag == Tag::Li,
                    in_link: inherited.in_link || node.tag == Tag::A,
                });
            }
            Data::Text(t) => {
                let same = b.cur.as_ref().is_some_and(|c| {
                    c.owner == inherited.owner
                        && c.prune == ni.prune
                        && c.prune_root == ni.prune_root
                        && c.caption == ni.caption
                });
                if !same {
                    if t.chars().all(char::is_whitespace) {
                        // Whitespace between blocks never starts one.
                        if b.cur.is_some() {
                            b.pending_space = true;
                        }
                        i += 1;
                        continue;
                    }
                    b.flush();
                    b.cur = Some(Block {
                        owner: inherited.owner,
                        start: i,
                        text: String::new(),
                        chars: 0,
                        link_chars: 0,
                        commas: 0,
                        heading: inherited.heading,
                        in_li: inherited.in_li,
                        caption: ni.caption,
                        prune: ni.prune,
                        prune_root: ni.prune_root,
                    });
                }
                if let Some(cur) = b.cur.as_mut() {
                    let before = cur.text.len();
                    push_collapsed(&mut cur.text, t, &mut b.pending_space);
                    let added = &cur.text[before..];
                    let mut chars = 0u32;
                    for c in added.chars() {
                        if c != ' ' {
                            chars += 1;
                        }
                        if c == ',' || c == '،' {
                            cur.commas += 1;
                        }
                    }
                    cur.chars += chars;
                    if inherited.in_link {
                        cur.link_chars += chars;
                    }
                }
            }
        }
        i += 1;
    }
    b.flush();
    b.blocks
}
