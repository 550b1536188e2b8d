//! A flat, pre-order copy of the parsed tree.
//!
//! Node `i`'s subtree is the index range `i..nodes[i].end`, and a parent always
//! comes before its children, so "is inside", "sum over the subtree" and
//! "inherit from the parent" are all single loops over a vector: no recursion
//! anywhere, whatever the nesting depth.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// Sentinel parent of the root.
pub(crate) const NO_PARENT: u32 = u32::MAX;

/// The element names the extractor distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Script,
    /// Never visible text: style, noscript, template, svg, iframe, form controls…
    Skip,
    P,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Aside,
    Nav,
    Heading(u8),
    Li,
    List,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Cell,
    Figure,
    Figcaption,
    Caption,
    Form,
    Br,
    Hr,
    A,
    Time,
    /// Any other block-level element.
    OtherBlock,
    /// Any other (inline) element.
    Inline,
}

impl Tag {
    fn from_name(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "head" => Tag::Head,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "meta" => Tag::Meta,
            "script" => Tag::Script,
            "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "embed"
            | "canvas" | "select" | "option" | "textarea" | "button" | "input" | "video"
            | "audio" | "map" | "link" | "dialog" => Tag::Skip,
            "p" => Tag::P,
            "div" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "nav" => Tag::Nav,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "li" => Tag::Li,
            "ul" | "ol" | "dl" | "menu" => Tag::List,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "table" => Tag::Table,
            "tr" | "thead" | "tbody" | "tfoot" => Tag::Tr,
            "td" | "th" => Tag::Cell,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "caption" => Tag::Caption,
            "form" => Tag::Form,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "a" => Tag::A,
            "time" => Tag::Time,
            "address" | "center" | "details" | "summary" | "fieldset" | "legend" | "hgroup"
            | "picture" => Tag::OtherBlock,
            _ => Tag::Inline,
        }
    }

    /// Whether text inside this element starts a new block.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Inline | Tag::A | Tag::Time | Tag::Title | Tag::Meta | Tag::Script | Tag::Skip
        )
    }
}

/// What a node holds.
#[derive(Clone, Copy)]
pub(crate) enum Data<'a> {
    Document,
    Element(&'a Element),
    Text(&'a str),
}

#[derive(Clone, Copy)]
pub(crate) struct DNode<'a> {
    pub parent: u32,
    /// One past the last node of this subtree.
    pub end: u32,
    pub tag: Tag,
    pub data: Data<'a>,
}

impl<'a> DNode<'a> {
    pub fn element(&self) -> Option<&'a Element> {
        match self.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.element().and_then(|e| attr(e, name))
    }
}

pub(crate) struct Dom<'a> {
    pub nodes: Vec<DNode<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens the parsed document (elements and text only) in pre-order.
    pub fn new(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<DNode<'a>> = Vec::with_capacity(html.tree.values().len());
        let mut stack: Vec<u32> = Vec::new();
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let (tag, data) = match node.value() {
                        Node::Document | Node::Fragment => (Tag::OtherBlock, Data::Document),
                        Node::Element(e) => (Tag::from_name(e.name()), Data::Element(e)),
                        Node::Text(t) => (Tag::Inline, Data::Text(&t.text)),
                        _ => continue,
                    };
                    let idx = nodes.len() as u32;
                    nodes.push(DNode {
                        parent: stack.last().copied().unwrap_or(NO_PARENT),
                        end: idx + 1,
                        tag,
                        data,
                    });
                    stack.push(idx);
                }
                Edge::Close(node) => {
                    if matches!(
                        node.value(),
                        Node::Document | Node::Fragment | Node::Element(_) | Node::Text(_)
                    ) {
                        if let Some(idx) = stack.pop() {
                            let end = nodes.len() as u32;
                            nodes[idx as usize].end = end;
                        }
                    }
                }
            }
        }
        Dom { nodes }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether `inner` lies in the subtree of `outer` (or is `outer`).
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        inner >= outer && inner < self.nodes[outer as usize].end
    }

    /// The concatenated text of a subtree, whitespace collapsed, skipping
    /// scripts and other invisible elements.
    pub fn text_of(&self, idx: u32) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        let end = self.nodes[idx as usize].end;
        let mut i = idx + 1;
        while i < end {
            let n = &self.nodes[i as usize];
            match n.data {
                Data::Element(_) if matches!(n.tag, Tag::Script | Tag::Skip) => {
                    i = n.end;
                    continue;
                }
                Data::Element(_) if n.tag.is_block() || n.tag == Tag::Br => {
                    pending_space = true;
                }
                Data::Text(t) => push_collapsed(&mut out, t, &mut pending_space),
                _ => {}
            }
            i += 1;
        }
        out
    }
}

/// Appends `text` to `out` with runs of whitespace collapsed to one space.
/// `pending_space` carries a trailing space across calls; no leading space is
/// ever written.
pub(crate) fn push_collapsed(out: &mut String, text: &str, pending_space: &mut bool) {
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            *pending_space = true;
        } else {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.push(c);
        }
    }
}

/// ASCII-lowercased `class` + `id` of an element, into a reused buffer.
pub(crate) fn class_id_lower(e: &Element, buf: &mut String) {
    buf.clear();
    for (name, value) in e.attrs() {
        if name == "class" || name == "id" {
            if !buf.is_empty() {
                buf.push(' ');
            }
            buf.extend(value.chars().map(|c| c.to_ascii_lowercase()));
        }
    }
}

/// An attribute by name, without interning the name (unlike `Element::attr`).
pub(crate) fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}
