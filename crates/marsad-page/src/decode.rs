//! Bytes → text: BOMs, declared charsets, and detection for legacy Arabic encodings.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How the bytes were decoded, for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static Encoding,
    /// Whether undecodable bytes were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decode a page's bytes to text.
///
/// Order of trust: a byte-order mark, then a charset the document declares
/// (`declared`, e.g. from an HTTP header or `<meta charset>`), then strict
/// UTF-8, then detection (`chardetng`, which knows windows-1256 and
/// ISO-8859-6). Valid UTF-8 is turned into a `String` without copying.
pub fn decode(mut bytes: Vec<u8>, declared: Option<&'static Encoding>) -> (String, Decoded) {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc == UTF_8 {
            bytes.drain(..bom_len);
            return utf8_or_lossy(bytes);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (
            text.into_owned(),
            Decoded {
                encoding: enc,
                had_errors,
            },
        );
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        return (
            text.into_owned(),
            Decoded {
                encoding: enc,
                had_errors,
            },
        );
    }
    if let Some(enc) = declared {
        // Bytes that are valid UTF-8 with multibyte sequences are UTF-8 whatever
        // the page declares: crawlers re-save pages as UTF-8 and keep the old
        // `<meta charset>`, and legacy-charset text is valid UTF-8 by chance
        // almost never. A declared UTF-8 that is not valid UTF-8 is a lie often
        // enough that detection is the better guess; other declarations are trusted.
        let valid_utf8 = std::str::from_utf8(&bytes).is_ok();
        if valid_utf8 && !bytes.is_ascii() {
            return utf8_or_lossy(bytes);
        }
        if enc != UTF_8 || valid_utf8 {
            return decode_with(bytes, enc);
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => (
            text,
            Decoded {
                encoding: UTF_8,
                had_errors: false,
            },
        ),
        Err(e) => {
            let bytes = e.into_bytes();
            if mostly_utf8(&bytes) {
                return utf8_or_lossy(bytes);
            }
            if let Some(mixed) = decode_mixed_lines(&bytes) {
                return mixed;
            }
            let enc = guess_legacy(&bytes);
            decode_with(bytes, enc)
        }
    }
}

/// The legacy encoding that detection finds for bytes that are not UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Arabic pages without a declaration are far more often
    // windows-1256 than anything else, so hint the Arabic TLD.
    detector.guess(Some(b"sa"), chardetng::Utf8Detection::Allow)
}

/// A UTF-8 page with lines pasted in a legacy encoding (a footer or a
/// quote copied from an old page): when the lines that are valid UTF-8
/// hold most of the non-ASCII bytes, they stay UTF-8 and only the others
/// go through detection, so one pasted footer does not turn the whole page
/// into mojibake. `None` when the page is not such a mix.
fn decode_mixed_lines(bytes: &[u8]) -> Option<(String, Decoded)> {
    let (mut utf8_high, mut legacy_high) = (0usize, 0usize);
    let mut legacy = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let high = line.iter().filter(|b| **b >= 0x80).count();
        if std::str::from_utf8(line).is_ok() {
            utf8_high += high;
        } else {
            legacy_high += high;
            legacy.extend_from_slice(line);
        }
    }
    if utf8_high <= legacy_high {
        return None;
    }
    let enc = guess_legacy(&legacy);
    let mut text = String::with_capacity(bytes.len() + legacy.len());
    let mut had_errors = false;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => {
                let (decoded, _, errors) = enc.decode(line);
                had_errors |= errors;
                text.push_str(&decoded);
            }
        }
    }
    Some((
        text,
        Decoded {
            encoding: UTF_8,
            had_errors,
        },
    ))
}

fn decode_with(bytes: Vec<u8>, enc: &'static Encoding) -> (String, Decoded) {
    if enc == UTF_8 {
        return utf8_or_lossy(bytes);
    }
    let (text, _, had_errors) = enc.decode(&bytes);
    (
        text.into_owned(),
        Decoded {
            encoding: enc,
            had_errors,
        },
    )
}

fn utf8_or_lossy(bytes: Vec<u8>) -> (String, Decoded) {
    match String::from_utf8(bytes) {
        Ok(text) => (
            text,
            Decoded {
                encoding: UTF_8,
                had_errors: false,
            },
        ),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Decoded {
                encoding: UTF_8,
                had_errors: true,
            },
        ),
    }
}

/// UTF-8 with a few broken sequences (a page cut mid-character, one bad
/// byte) is still UTF-8: do not hand it to a legacy-charset detector.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut good_multibyte = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_multibyte += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                good_multibyte += valid.iter().filter(|b| **b >= 0xC0).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
                if bad > 16 {
                    return false;
                }
            }
        }
    }
    good_multibyte >= 8 * bad
}

/// UTF-16 without a BOM shows as NUL bytes in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    // Arabic UTF-16 has 0x06 high bytes rather than NULs, so look at both
    // the NUL pattern (Latin text) and the 0x06 pattern (Arabic text).
    let even_06 = sample.iter().step_by(2).filter(|b| **b == 0x06).count();
    let odd_06 = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0x06)
        .count();
    let high_even = even_nul + even_06;
    let high_odd = odd_nul + odd_06;
    if even_nul + odd_nul == 0 {
        return None;
    }
    if high_odd * 10 >= pairs * 7 && high_even * 10 <= pairs {
        Some(UTF_16LE)
    } else if high_even * 10 >= pairs * 7 && high_odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether bytes look like a binary blob rather than text in some encoding.
///
/// Looks at a prefix: NUL bytes (outside UTF-16) and C0 control characters
/// other than tab, CR, LF and form feed do not occur in text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "بوتين يصل إلى كوريا الشمالية للمرة الأولى منذ 24 عاما";

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, d) = decode(ARABIC.as_bytes().to_vec(), None);
        assert_eq!(t, ARABIC);
        assert_eq!(d.encoding, UTF_8);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode(with_bom, None).0, ARABIC);
    }

    #[test]
    fn utf16_with_bom_both_endians() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(ARABIC.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(le, None).0, ARABIC);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(ARABIC.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(be, None).0, ARABIC);
    }

    #[test]
    fn windows_1256_is_detected() {
        let long = ARABIC.repeat(3);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&long);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (t, d) = decode(bytes.into_owned(), None);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
        assert_eq!(t, long);
    }

    #[test]
    fn declared_iso_8859_6_is_trusted() {
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode(ARABIC);
        let (t, _) = decode(bytes.into_owned(), Some(encoding_rs::ISO_8859_6));
        assert_eq!(t, ARABIC);
    }

    #[test]
    fn a_resaved_utf8_page_beats_its_stale_legacy_declaration() {
        let page = "<meta charset=iso-8859-1><p>jetzt für nur 5,99 Euro</p>";
        let (t, d) = decode(page.as_bytes().to_vec(), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(t, page);
        // The same words really in Latin-1 are not valid UTF-8: the declaration holds.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let (t, d) = decode(bytes.into_owned(), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(t, page);
    }

    #[test]
    fn a_cut_utf8_character_stays_utf8() {
        let mut bytes = ARABIC.repeat(4).into_bytes();
        bytes.pop();
        let (t, d) = decode(bytes, None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.had_errors);
        assert!(t.starts_with("بوتين"));
    }

    #[test]
    fn a_utf8_page_with_a_windows_1256_footer_keeps_both() {
        let body = format!("{ARABIC}\n{ARABIC}\n{ARABIC}\n");
        let footer = "جميع الحقوق محفوظة لصحيفة الأخبار\n";
        let mut bytes = body.clone().into_bytes();
        bytes.extend_from_slice(&encoding_rs::WINDOWS_1256.encode(footer).0);
        let (t, d) = decode(bytes, None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(t, body + footer);
    }

    #[test]
    fn windows_1256_with_one_line_that_happens_to_be_utf8_stays_windows_1256() {
        let long = format!("{ARABIC}\nok\n{ARABIC}\n");
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&long);
        let (t, d) = decode(bytes.into_owned(), None);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
        assert_eq!(t, long);
    }

    #[test]
    fn binary_is_recognised_but_utf16_is_not_binary() {
        assert!(looks_binary(&[
            0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3
        ]));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hello".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert!(!looks_binary(&le));
        assert!(!looks_binary(ARABIC.as_bytes()));
    }
}
