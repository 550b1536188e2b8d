//! A compact binary form of [`Features`], for the store to keep beside each placement so that
//! the index can be rebuilt ([`crate::StoryIndex::restore`]) without reading and analysing every
//! stored text again.
//!
//! Layout (little endian, `v` = LEB128 varint, `z` = zigzag varint):
//! `FORMAT` byte · id z · minutes (0 = none, else z+1) · outlet s · page s · role byte ·
//! text_hash u64 · words v · shingles (v count, u32 each) · terms (v count, u32 key + v count each)
//! · title_terms (v, u32) · names (v, u64) · figures (v, u64) · dates (v, z each) · quotes (v, u64)
//! · credits (v count, s each); `s` = a string as an optional byte length (0 = none, else v
//! length + 1) and its UTF-8 bytes. The MinHash signature is not kept: it is a function of the
//! shingles ([`crate::features::minhash`]) and recomputed when decoding.
//!
//! About 2.3 kB for a 400-word article (the shingles are most of it).

use crate::features::{minhash, Features};
use crate::input::ArticleRole;

/// The layout's version: a record of another version is refused, never misread.
const FORMAT: u8 = 1;

/// A record that cannot be read back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("stored story features cannot be read: {0}")]
pub struct DecodeError(&'static str);

impl Features {
    /// The compact binary form (see the module documentation).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + 4 * self.shingles.len() + 6 * self.terms.len());
        out.push(FORMAT);
        put_z(&mut out, self.id);
        match self.minutes {
            None => put_v(&mut out, 0),
            Some(m) => put_v(&mut out, zigzag(m) + 1),
        }
        put_str(&mut out, self.outlet.as_deref());
        put_str(&mut out, self.page.as_deref());
        out.push(match self.role {
            ArticleRole::Main => 0,
            ArticleRole::Appended => 1,
        });
        out.extend_from_slice(&self.text_hash.to_le_bytes());
        put_v(&mut out, u64::from(self.words));
        put_v(&mut out, self.shingles.len() as u64);
        for s in &self.shingles {
            out.extend_from_slice(&s.to_le_bytes());
        }
        put_v(&mut out, self.terms.len() as u64);
        for (key, count) in &self.terms {
            out.extend_from_slice(&key.to_le_bytes());
            put_v(&mut out, u64::from(*count));
        }
        put_v(&mut out, self.title_terms.len() as u64);
        for t in &self.title_terms {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for keys in [&self.names, &self.figures] {
            put_u64s(&mut out, keys);
        }
        put_v(&mut out, self.dates.len() as u64);
        for d in &self.dates {
            put_z(&mut out, i64::from(*d));
        }
        put_u64s(&mut out, &self.quotes);
        put_v(&mut out, self.credits.len() as u64);
        for c in &self.credits {
            put_str(&mut out, Some(c));
        }
        out
    }

    /// Reads [`Features::encode`]'s form back; the signature is recomputed from the shingles.
    pub fn decode(bytes: &[u8]) -> Result<Features, DecodeError> {
        let mut r = Reader { bytes, at: 0 };
        if r.byte()? != FORMAT {
            return Err(DecodeError("unknown format version"));
        }
        let id = r.z()?;
        let minutes = match r.v()? {
            0 => None,
            m => Some(unzigzag(m - 1)),
        };
        let outlet = r.string()?;
        let page = r.string()?;
        let role = match r.byte()? {
            0 => ArticleRole::Main,
            1 => ArticleRole::Appended,
            _ => return Err(DecodeError("unknown article role")),
        };
        let text_hash = u64::from_le_bytes(r.array()?);
        let words = u32::try_from(r.v()?).map_err(|_| DecodeError("word count too large"))?;
        let n = r.count(4)?;
        let shingles = (0..n)
            .map(|_| Ok(u32::from_le_bytes(r.array()?)))
            .collect::<Result<Vec<u32>, DecodeError>>()?;
        let n = r.count(5)?;
        let terms = (0..n)
            .map(|_| {
                let key = u32::from_le_bytes(r.array()?);
                let count =
                    u16::try_from(r.v()?).map_err(|_| DecodeError("term count too large"))?;
                Ok((key, count))
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let n = r.count(4)?;
        let title_terms = (0..n)
            .map(|_| Ok(u32::from_le_bytes(r.array()?)))
            .collect::<Result<Vec<u32>, DecodeError>>()?;
        let names = r.u64s()?;
        let figures = r.u64s()?;
        let n = r.count(1)?;
        let dates = (0..n)
            .map(|_| i32::try_from(r.z()?).map_err(|_| DecodeError("date out of range")))
            .collect::<Result<Vec<i32>, DecodeError>>()?;
        let quotes = r.u64s()?;
        let n = r.count(1)?;
        let credits = (0..n)
            .map(|_| r.string()?.ok_or(DecodeError("a credit without a name")))
            .collect::<Result<Vec<String>, DecodeError>>()?;
        if r.at != bytes.len() {
            return Err(DecodeError("trailing bytes"));
        }
        Ok(Features {
            id,
            minutes,
            outlet,
            page,
            role,
            text_hash,
            words,
            signature: minhash(&shingles),
            shingles,
            terms,
            title_terms,
            names,
            figures,
            dates,
            quotes,
            credits,
        })
    }
}

fn zigzag(x: i64) -> u64 {
    ((x << 1) ^ (x >> 63)) as u64
}

fn unzigzag(x: u64) -> i64 {
    ((x >> 1) as i64) ^ -((x & 1) as i64)
}

fn put_v(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn put_z(out: &mut Vec<u8>, x: i64) {
    put_v(out, zigzag(x));
}

fn put_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put_v(out, 0),
        Some(s) => {
            put_v(out, s.len() as u64 + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn put_u64s(out: &mut Vec<u8>, xs: &[u64]) {
    put_v(out, xs.len() as u64);
    for x in xs {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(DecodeError("cut short"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn v(&mut self) -> Result<u64, DecodeError> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(DecodeError("varint too long"))
    }

    fn z(&mut self) -> Result<i64, DecodeError> {
        Ok(unzigzag(self.v()?))
    }

    /// A count of items of at least `min_bytes` each, checked against what is left (a corrupt
    /// count must not allocate gigabytes).
    fn count(&mut self, min_bytes: usize) -> Result<usize, DecodeError> {
        let n = usize::try_from(self.v()?).map_err(|_| DecodeError("count too large"))?;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(DecodeError("count past the end"));
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<Option<String>, DecodeError> {
        let n = usize::try_from(self.v()?).map_err(|_| DecodeError("string too long"))?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = self.take(n - 1)?;
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|_| DecodeError("a string is not UTF-8"))
    }

    fn u64s(&mut self) -> Result<Vec<u64>, DecodeError> {
        let n = self.count(8)?;
        (0..n)
            .map(|_| Ok(u64::from_le_bytes(self.array()?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ArticleInput;

    #[test]
    fn features_survive_the_binary_form() {
        let long = "قال وزير الخارجية سيرغي لافروف إن بيونغ يانغ حليف و3 ملايين قذيفة \
                    وصلت في 12 حزيران 2024 (رويترز) "
            .repeat(4);
        let input = ArticleInput {
            id: -42,
            title: Some("بوتين في بيونغ يانغ".into()),
            text: format!("{long}\n\n«هذه المعاهدة القوية ستدفع العلاقات إلى الأمام»"),
            outlet: Some("الجزيرة".into()),
            published: marsad_model::Published::new(2024, 6, 19, None),
            page: Some("page 7".into()),
            role: ArticleRole::Appended,
            ..ArticleInput::default()
        };
        let f = Features::of(&input);
        assert!(!f.shingles.is_empty() && !f.names.is_empty() && !f.dates.is_empty());
        assert_eq!(Features::decode(&f.encode()), Ok(f.clone()));
        let undated = Features {
            minutes: None,
            outlet: None,
            page: None,
            ..f
        };
        assert_eq!(Features::decode(&undated.encode()), Ok(undated));
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        let f = Features::of(&ArticleInput {
            id: 1,
            text: "كلمة أخرى ".repeat(30),
            ..ArticleInput::default()
        });
        let bytes = f.encode();
        for cut in 0..bytes.len() {
            assert!(Features::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut other = bytes.clone();
        other[0] = FORMAT + 1;
        assert!(Features::decode(&other).is_err());
        let mut longer = bytes;
        longer.push(0);
        assert!(Features::decode(&longer).is_err());
    }
}
