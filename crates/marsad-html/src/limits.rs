//! Protection against pathological nesting and crowded tags before the
//! parser sees the page.
//!
//! html5ever's tree builder scans the stack of open elements on many start
//! tags ("is there a `<p>` in button scope?"), so 100,000 nested `<div>`s
//! cost 100,000² steps — tens of seconds. No real page nests more than a few
//! hundred levels, so start tags beyond [`MAX_NESTING_DEPTH`] (and their end
//! tags) are dropped, keeping all text. Its tokenizer compares each
//! attribute with the tag's earlier ones, so the attributes of a tag beyond
//! [`MAX_ATTRIBUTES`] are dropped too. A page within the limits is passed on
//! untouched, without a copy.

use std::borrow::Cow;

use crate::settings::{MAX_ATTRIBUTES, MAX_NESTING_DEPTH};

/// Elements with no end tag, or whose end tag is optional and often omitted:
/// they do not count towards the nesting depth.
fn not_counted(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"frame"
            | b"keygen"
            | b"basefont"
            | b"bgsound"
            | b"image"
    )
}

/// Elements whose content is raw text up to their end tag.
fn raw_text(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// The page with start tags nested deeper than [`MAX_NESTING_DEPTH`]
/// removed, and attributes beyond [`MAX_ATTRIBUTES`] of a tag.
pub(crate) fn cap_nesting(html: &str) -> Cow<'_, str> {
    let found = scan(html, None);
    if found.max_depth <= MAX_NESTING_DEPTH && found.crowded_tags == 0 {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, Some(&mut out));
    Cow::Owned(out)
}

/// What [`scan`] found.
struct Found {
    max_depth: usize,
    /// Tags with more than [`MAX_ATTRIBUTES`] attributes.
    crowded_tags: usize,
}

/// Walks the tags of `html`. With `out`, copies the page there without the
/// tags beyond the depth limit and the attributes beyond the limit.
fn scan(html: &str, mut out: Option<&mut String>) -> Found {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut crowded_tags = 0usize;
    let mut copied = 0usize; // bytes of `html` already handled for `out`
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        let (closing, name_start) = match rest.get(1) {
            Some(b'/') => (true, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            Some(b'!') | Some(b'?') => {
                i = find(b, lt + 1, b">").map_or(b.len(), |p| p + 1);
                continue;
            }
            _ => {
                i = lt + 1;
                continue;
            }
        };
        let name_end = b[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
            .map_or(b.len(), |p| name_start + p);
        let name = &b[name_start..name_end];
        let mut lower_buf = [0u8; 10];
        let lower: &[u8] = if name.len() <= lower_buf.len() {
            for (d, s) in lower_buf.iter_mut().zip(name) {
                *d = s.to_ascii_lowercase();
            }
            &lower_buf[..name.len()]
        } else {
            b"-" // longer than any listed name
        };
        let tag_end = tag_end(b, name_end);
        let self_closing = tag_end >= 2 && b[tag_end - 2] == b'/';
        let counted = !name.is_empty() && !self_closing && !not_counted(lower);
        let mut drop = false;
        if counted {
            if closing {
                drop = depth > MAX_NESTING_DEPTH;
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
                drop = depth > MAX_NESTING_DEPTH;
            }
        }
        let crowded = if closing {
            None
        } else {
            crowded_at(b, name_end, tag_end)
        };
        crowded_tags += usize::from(crowded.is_some());
        if let Some(o) = out.as_deref_mut() {
            if drop {
                o.push_str(&html[copied..lt]);
                copied = tag_end;
            } else if let Some(cut) = crowded {
                o.push_str(&html[copied..cut]);
                o.push_str(if self_closing { "/>" } else { ">" });
                copied = tag_end;
            }
        }
        i = tag_end;
        if !closing && raw_text(lower) {
            // Skip to the matching end tag (case-insensitive).
            i = find_end_tag(b, i, name).unwrap_or(b.len());
        }
    }
    if let Some(o) = out {
        o.push_str(&html[copied..]);
    }
    Found {
        max_depth: max,
        crowded_tags,
    }
}

/// Where the attribute past [`MAX_ATTRIBUTES`] starts in the tag whose name
/// ends at `from` and which ends at `end`, when it has that many. (Counts
/// words outside quotes: an unquoted value after `= ` counts too, which
/// only makes the limit a little lower.)
fn crowded_at(b: &[u8], from: usize, end: usize) -> Option<usize> {
    // Each attribute takes at least two bytes: most tags are never walked.
    if end - from < 2 * MAX_ATTRIBUTES {
        return None;
    }
    let mut quote: Option<u8> = None;
    let mut after_space = false;
    let mut count = 0usize;
    for (k, &c) in b.iter().enumerate().take(end).skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => {
                quote = Some(c);
                after_space = false;
            }
            None if c.is_ascii_whitespace() => after_space = true,
            None => {
                if after_space && !matches!(c, b'/' | b'>' | b'=') {
                    count += 1;
                    if count > MAX_ATTRIBUTES {
                        // After ASCII whitespace: a character boundary.
                        return Some(k);
                    }
                }
                after_space = false;
            }
        }
    }
    None
}

/// One past the `>` closing a tag whose name ends at `from`, honouring quotes.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &c) in b[from..].iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return from + k + 1,
            None => {}
        }
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    memchr::memmem::find(&b[from..], needle).map(|p| from + p)
}

fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let start = p + 2;
        if b.len() >= start + name.len() && b[start..start + name.len()].eq_ignore_ascii_case(name)
        {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed() {
        let html = "<div><p>a<p>b<br><img src=x></div><script>if (a<b) {}</script>";
        assert!(matches!(cap_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_text_is_kept() {
        let depth = MAX_NESTING_DEPTH + 10;
        let html = format!(
            "{}نص{}",
            "<div class=\"x>y\">".repeat(depth),
            "</div>".repeat(depth)
        );
        let capped = cap_nesting(&html);
        assert_eq!(scan(&capped, None).max_depth, MAX_NESTING_DEPTH);
        assert!(capped.contains("نص"));
        assert_eq!(capped.matches("</div>").count(), MAX_NESTING_DEPTH);
    }

    #[test]
    fn attributes_beyond_the_limit_are_dropped_the_tag_and_text_kept() {
        let attrs: String = (0..MAX_ATTRIBUTES + 500)
            .map(|i| format!(" a{i}=\"x y\""))
            .collect();
        let html = format!("<div id=\"top\"{attrs}>نص</div><img{attrs}/><p>بعد</p>");
        let capped = cap_nesting(&html);
        assert!(matches!(capped, Cow::Owned(_)));
        assert_eq!(scan(&capped, None).crowded_tags, 0);
        assert!(capped.starts_with("<div id=\"top\" a0=\"x y\""));
        assert!(capped.contains(&format!(" a{}=\"x y\" >نص</div>", MAX_ATTRIBUTES - 2)));
        assert!(!capped.contains(&format!(" a{}=", MAX_ATTRIBUTES)));
        assert!(capped.contains("/><p>بعد</p>"));
    }
}
