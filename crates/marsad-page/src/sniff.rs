//! What kind of input a byte stream holds, decided from its content.

/// What a file's bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Gzip,
    Warc,
    Html,
    /// JSON data (an object or array), which is not a page.
    Json,
    Text,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Markup that opens an HTML document (case-insensitive, after whitespace, BOM and comments).
const HTML_OPENERS: &[&str] = &["<!doctype html", "<html", "<head", "<body", "<?xml"];

/// Tags whose presence in the first kilobytes makes a document HTML even
/// without a proper opener (fragments saved by crawlers).
const HTML_TAGS: &[&str] = &[
    "<div", "<p>", "<p ", "<span", "<a href", "<meta", "<script", "<article", "<title", "<br",
];

/// How many distinct tag hits make a fragment HTML.
const MIN_HTML_TAG_HITS: usize = 3;

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(GZIP_MAGIC) {
        return Sniffed::Gzip;
    }
    let head = strip_bom(&bytes[..bytes.len().min(4096)]);
    let trimmed = trim_ascii_start(head);
    if trimmed.starts_with(b"WARC/") {
        return Sniffed::Warc;
    }
    let lower: Vec<u8> = trimmed
        .iter()
        .take(2048)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut rest: &[u8] = &lower;
    // Leading comments (`<!-- saved from url -->`) before the doctype.
    while rest.starts_with(b"<!--") {
        match find(rest, b"-->") {
            Some(end) => rest = trim_ascii_start(&rest[end + 3..]),
            None => break,
        }
    }
    if HTML_OPENERS.iter().any(|o| rest.starts_with(o.as_bytes())) {
        if rest.starts_with(b"<?xml") && find(&lower, b"<html").is_none() {
            return Sniffed::Text;
        }
        return Sniffed::Html;
    }
    if (rest.starts_with(b"{") || rest.starts_with(b"[")) && looks_like_json(trimmed) {
        return Sniffed::Json;
    }
    let hits = HTML_TAGS
        .iter()
        .filter(|t| find(&lower, t.as_bytes()).is_some())
        .count();
    if rest.starts_with(b"<") && hits >= MIN_HTML_TAG_HITS - 1 || hits >= MIN_HTML_TAG_HITS {
        return Sniffed::Html;
    }
    Sniffed::Text
}

fn looks_like_json(head: &[u8]) -> bool {
    // `{"` or `[{`/`["`/`[1` after optional whitespace: text dumps do not start so.
    let mut it = head.iter().copied().filter(|b| !b.is_ascii_whitespace());
    matches!(
        (it.next(), it.next()),
        (Some(b'{'), Some(b'"' | b'}'))
            | (Some(b'['), Some(b'{' | b'"' | b'[' | b']' | b'0'..=b'9'))
    )
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(b)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_kind() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Sniffed::Gzip);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Sniffed::Warc);
        assert_eq!(sniff(b"  <!DOCTYPE html><html lang=ar>"), Sniffed::Html);
        assert_eq!(
            sniff(b"<!-- saved from url=(0014)about:internet -->\n<html>"),
            Sniffed::Html
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF<html dir=\"rtl\">"), Sniffed::Html);
        assert_eq!(sniff(br#"{"title": "x"}"#), Sniffed::Json);
        assert_eq!(sniff(br#"[{"a":1}]"#), Sniffed::Json);
        assert_eq!(
            sniff("بوتين يصل إلى كوريا الشمالية\n\nنص الخبر".as_bytes()),
            Sniffed::Text
        );
    }

    #[test]
    fn a_text_dump_quoting_one_tag_is_still_text() {
        let dump = "عنوان الخبر\n\nكتب المحرر أن الوسم <p> يستخدم في الصفحات\n".as_bytes();
        assert_eq!(sniff(dump), Sniffed::Text);
        assert_eq!(sniff("[تحديث] عنوان".as_bytes()), Sniffed::Text);
    }

    #[test]
    fn an_html_fragment_without_opener_is_html() {
        assert_eq!(
            sniff(b"<div class=\"article\"><p>one</p><span>two</span><a href=\"/x\">x</a></div>"),
            Sniffed::Html
        );
    }
}
