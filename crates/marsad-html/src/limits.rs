//! Protection against pathological nesting before the parser sees the page.
//!
//! html5ever's tree builder scans the stack of open elements on many start
//! tags ("is there a `<p>` in button scope?"), so 100,000 nested `<div>`s
//! cost 100,000² steps — tens of seconds. No real page nests more than a few
//! hundred levels, so start tags beyond [`MAX_NESTING_DEPTH`] (and their end
//! tags) are dropped, keeping all text. A page within the limit is passed on
//! untouched, without a copy.

use std::borrow::Cow;

use crate::settings::MAX_NESTING_DEPTH;

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

/// The page with start tags nested deeper than [`MAX_NESTING_DEPTH`] removed.
pub(crate) fn cap_nesting(html: &str) -> Cow<'_, str> {
    if scan(html, None) <= MAX_NESTING_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, Some(&mut out));
    Cow::Owned(out)
}

/// Walks the tags of `html`, returning the maximum nesting depth. With `out`,
/// copies the page there without the tags beyond the limit.
fn scan(html: &str, mut out: Option<&mut String>) -> usize {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
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
        if let Some(o) = out.as_deref_mut() {
            if drop {
                o.push_str(&html[copied..lt]);
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
    max
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
        assert_eq!(scan(&capped, None), MAX_NESTING_DEPTH);
        assert!(capped.contains("نص"));
        assert_eq!(capped.matches("</div>").count(), MAX_NESTING_DEPTH);
    }
}
