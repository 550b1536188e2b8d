//! The charset an HTML document declares in its first kilobytes
//! (`<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`),
//! found the way the HTML standard's prescan does: on bytes, before decoding.

use encoding_rs::Encoding;

/// How far into the document the prescan looks (the standard says 1024; real
/// pages put long scripts first, so look further).
const PRESCAN_BYTES: usize = 8192;

pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(i) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[i + "charset".len()..];
            let rest = rest
                .iter()
                .position(|&b| b != b' ' && b != b'=')
                .map_or(&rest[rest.len()..], |p| &rest[p..]);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let label_end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                // A page that declares UTF-16 in ASCII-compatible bytes is UTF-8 (HTML standard).
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        enc
                    },
                );
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_meta_forms() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"windows-1256\">"),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(
            declared_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-6\">"
            ),
            Some(encoding_rs::ISO_8859_6)
        );
        assert_eq!(declared_charset(b"<meta name=viewport content=x>"), None);
    }
}
