//! The model file: tagger weights (quantized to 16 bits, only non-empty rows), the
//! gazetteers and the alias table, gzip-compressed. Written by the `train` example, embedded
//! in the crate with `include_bytes!`.

use std::io::{Read, Write};

use rustc_hash::FxHashMap;

use crate::tagger::{Gazetteer, Weights, TAGS};
use crate::ModelError;

const MAGIC: &[u8; 10] = b"MARSADNER\x02";

/// Names of one thing under several spellings (country names of iso-codes and CLDR):
/// matching key of a name → (stable id, canonical name).
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    pub(crate) map: FxHashMap<String, (String, String)>,
}

impl Aliases {
    pub fn insert(&mut self, key: String, id: &str, canonical: &str) {
        self.map
            .entry(key)
            .or_insert_with(|| (id.to_owned(), canonical.to_owned()));
    }

    pub fn get(&self, key: &str) -> Option<(&str, &str)> {
        self.map.get(key).map(|(a, b)| (a.as_str(), b.as_str()))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Everything the analyzer loads.
#[derive(Clone, Debug)]
pub struct Model {
    pub weights: Weights,
    pub gazetteer: Gazetteer,
    pub aliases: Aliases,
    /// Free text: how and from what the model was trained.
    pub provenance: String,
    /// Words of the place names of several words (built on first use).
    place_words: std::sync::OnceLock<rustc_hash::FxHashSet<String>>,
}

struct Writer<W: Write>(W);

impl<W: Write> Writer<W> {
    fn u32(&mut self, v: u32) -> std::io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn i16(&mut self, v: i16) -> std::io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn f32(&mut self, v: f32) -> std::io::Result<()> {
        self.0.write_all(&v.to_le_bytes())
    }
    fn str(&mut self, s: &str) -> std::io::Result<()> {
        self.u32(s.len() as u32)?;
        self.0.write_all(s.as_bytes())
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| ModelError::Corrupt("string is not UTF-8"))
    }
}

impl Model {
    pub fn new(
        weights: Weights,
        gazetteer: Gazetteer,
        aliases: Aliases,
        provenance: String,
    ) -> Model {
        Model {
            weights,
            gazetteer,
            aliases,
            provenance,
            place_words: std::sync::OnceLock::new(),
        }
    }

    /// `base` is a word of a place name of several words in the gazetteer.
    pub fn is_place_word(&self, base: &str) -> bool {
        self.place_words
            .get_or_init(|| {
                let loc = 1 << crate::EntityType::Loc.index();
                self.gazetteer
                    .entries()
                    .filter(|(k, t)| k.contains(' ') && t & loc != 0)
                    .flat_map(|(k, _)| k.split(' ').map(str::to_owned).collect::<Vec<_>>())
                    .collect()
            })
            .contains(base)
    }

    /// Serialises the model (gzip). Weights whose magnitude is below `prune` are dropped.
    pub fn to_bytes(&self, prune: f32) -> std::io::Result<Vec<u8>> {
        let mut raw = Vec::new();
        {
            let mut w = Writer(&mut raw);
            w.0.write_all(MAGIC)?;
            w.str(&self.provenance)?;
            // Packed or not (see `Weights::pack`).
            let row = |b: usize| self.weights.weights_of(b as u64);
            let max = (0..self.weights.buckets)
                .flat_map(row)
                .chain(self.weights.trans.iter().copied())
                .fold(0f32, |m, v| m.max(v.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            let q = |v: f32| -> i16 {
                if v.abs() < prune {
                    0
                } else {
                    (v / scale).round().clamp(-32767.0, 32767.0) as i16
                }
            };
            w.u32(self.weights.buckets as u32)?;
            w.f32(scale)?;
            for &t in &self.weights.trans {
                w.i16((t / scale).round().clamp(-32767.0, 32767.0) as i16)?;
            }
            let rows: Vec<usize> = (0..self.weights.buckets)
                .filter(|&r| row(r).iter().any(|&v| q(v) != 0))
                .collect();
            w.u32(rows.len() as u32)?;
            let mut last = 0usize;
            for r in rows {
                w.u32((r - last) as u32)?;
                last = r;
                for v in row(r) {
                    w.i16(q(v))?;
                }
            }
            let mut gaz: Vec<_> = self.gazetteer.list.iter().collect();
            gaz.sort();
            w.u32(gaz.len() as u32)?;
            for (k, t) in gaz {
                w.0.write_all(&[*t])?;
                w.str(k)?;
            }
            let mut aliases: Vec<_> = self.aliases.map.iter().collect();
            aliases.sort();
            w.u32(aliases.len() as u32)?;
            for (k, (id, canon)) in aliases {
                w.str(k)?;
                w.str(id)?;
                w.str(canon)?;
            }
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw)?;
        gz.finish()
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(ModelError::Decompress)?;
        let mut r = Reader { data: &raw, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError::Corrupt("not a marsad entity model"));
        }
        let provenance = r.str()?;
        let buckets = r.u32()? as usize;
        if !buckets.is_power_of_two() || buckets > 1 << 24 {
            return Err(ModelError::Corrupt("bucket count"));
        }
        let scale = r.f32()?;
        let mut weights = Weights::new(buckets);
        for t in weights.trans.iter_mut() {
            *t = r.i16()? as f32 * scale;
        }
        let rows = r.u32()? as usize;
        let mut row = 0usize;
        for _ in 0..rows {
            row += r.u32()? as usize;
            if row >= buckets {
                return Err(ModelError::Corrupt("row out of range"));
            }
            for t in 0..TAGS {
                weights.emit[row * TAGS + t] = r.i16()? as f32 * scale;
            }
        }
        let mut gazetteer = Gazetteer::default();
        for _ in 0..r.u32()? {
            let t = r.take(1)?[0];
            let k = r.str()?;
            gazetteer.insert(&k, t);
        }
        let mut aliases = Aliases::default();
        for _ in 0..r.u32()? {
            let k = r.str()?;
            let id = r.str()?;
            let canon = r.str()?;
            aliases.insert(k, &id, &canon);
        }
        Ok(Model::new(weights, gazetteer, aliases, provenance))
    }
}
