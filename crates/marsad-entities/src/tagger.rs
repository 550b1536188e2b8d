//! The statistical tagger: an averaged structured perceptron over BIO tags with first-order
//! transitions and Viterbi decoding, on hashed features of the text layer's forms and of
//! gazetteer matches.
//!
//! Features of token *i* (all on the matching form of `marsad-text`): the word and its
//! clitic-free base, the removed proclitic, prefixes and suffixes of the base, the words and
//! bases around it (±2), base bigrams, the shape (script, digits, length), the gazetteer
//! labels at *i*−1, *i*, *i*+1 (longest match of up to [`MAX_GAZ_WORDS`] bases), and whether
//! the neighbours are role titles or organisation heads ([`crate::cues`]).

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use crate::cues::{ORG_HEADS, ROLE_HEADS, SPEECH_VERBS};
use crate::tokens::{Kind, Tokens};
use crate::EntityType;

/// Number of BIO tags: O, then B/I for each of PERS, LOC, ORG, MISC.
pub const TAGS: usize = 9;
/// Longest gazetteer entry matched, in words.
pub const MAX_GAZ_WORDS: usize = 5;

/// The tag index of `B-type` (`I-type` is one more).
pub fn b_tag(t: EntityType) -> u8 {
    1 + 2 * t.index() as u8
}

/// The entity type of a tag, `None` for O.
pub fn tag_type(tag: u8) -> Option<EntityType> {
    if tag == 0 || tag as usize >= TAGS {
        None
    } else {
        EntityType::from_index((tag as usize - 1) / 2)
    }
}

pub fn is_begin(tag: u8) -> bool {
    tag != 0 && tag % 2 == 1
}

/// An I tag may only follow B or I of its type.
pub fn allowed(prev: u8, cur: u8) -> bool {
    if cur == 0 || is_begin(cur) {
        return true;
    }
    prev != 0 && tag_type(prev) == tag_type(cur)
}

/// Type bits of gazetteer entries (bit `t` = [`EntityType::index`] `t`).
pub const TYPE_MASK: u8 = 0x0f;
/// Bit of a one-word entry that is a common word of the training text (not a name).
pub const COMMON_WORD: u8 = 1 << 7;

/// Gazetteers: sequences of bases (joined by a space) → a bit set of types.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: FxHashMap<u64, u8>,
    /// Entries as text, kept for serialisation.
    pub(crate) list: FxHashMap<String, u8>,
}

/// The hash of a sequence of bases: each word's [`str_hash`], chained by [`chain_hash`],
/// so that a sentence's matches can be hashed from per-token hashes computed once.
fn hash_words<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    words.fold(GAZ_SEED, |h, w| chain_hash(h, str_hash(w)))
}

const GAZ_SEED: u64 = 0x51_7cc1_b727_220a;

#[inline]
fn chain_hash(h: u64, word: u64) -> u64 {
    (h.rotate_left(26) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Gazetteer {
    /// Adds an entry given as its sequence of bases.
    pub fn insert(&mut self, key: &str, types: u8) {
        let h = hash_words(key.split(' '));
        *self.entries.entry(h).or_insert(0) |= types;
        *self.list.entry(key.to_owned()).or_insert(0) |= types;
    }

    /// The entries as (bases joined by spaces, type bits).
    pub fn entries(&self) -> impl Iterator<Item = (&str, u8)> {
        self.list.iter().map(|(k, t)| (k.as_str(), *t))
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The types of the entry whose bases are `words`, 0 when none.
    pub fn lookup<'a>(&self, words: impl Iterator<Item = &'a str>) -> u8 {
        self.entries.get(&hash_words(words)).copied().unwrap_or(0)
    }

    /// Entity types (bits of [`TYPE_MASK`]) of the entry whose bases are `words`.
    pub fn types<'a>(&self, words: impl Iterator<Item = &'a str>) -> u8 {
        self.lookup(words) & TYPE_MASK
    }

    /// `base` is a common word of the training text.
    pub fn is_common(&self, base: &str) -> bool {
        self.lookup(std::iter::once(base)) & COMMON_WORD != 0
    }

    /// Per-token labels: bit `2*t` = the token begins a match of type `t`, bit `2*t+1` = it
    /// continues one (longest match at each position, matches do not overlap).
    pub fn label(&self, tokens: &Tokens, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        out.clear();
        out.resize(range.len(), 0);
        // Per token: the hash of its base, and how many words run from it (a match holds
        // words only).
        let hashes: Vec<u64> = range.clone().map(|i| str_hash(tokens.base(i))).collect();
        let mut run = vec![0usize; range.len()];
        for p in (0..range.len()).rev() {
            if tokens.kind(range.start + p) == Some(Kind::Word) {
                run[p] = 1 + run.get(p + 1).copied().unwrap_or(0);
            }
        }
        let mut p = 0;
        let mut chained = [0u64; MAX_GAZ_WORDS];
        while p < range.len() {
            let max = MAX_GAZ_WORDS.min(run[p]);
            let mut h = GAZ_SEED;
            for (k, c) in chained.iter_mut().enumerate().take(max) {
                h = chain_hash(h, hashes[p + k]);
                *c = h;
            }
            let mut matched = 0;
            for len in (1..=max).rev() {
                let bits = self.entries.get(&chained[len - 1]).copied().unwrap_or(0) & TYPE_MASK;
                if bits != 0 {
                    for k in 0..len {
                        let shift = if k == 0 { 0 } else { 1 };
                        for t in 0..4 {
                            if bits & (1 << t) != 0 {
                                out[p + k] |= 1 << (2 * t + shift);
                            }
                        }
                    }
                    matched = len;
                    break;
                }
            }
            p += matched.max(1);
        }
    }
}

/// Template ids of the features (the first byte hashed).
mod tpl {
    pub const BIAS: u8 = 0;
    pub const W0: u8 = 1;
    pub const B0: u8 = 2;
    pub const WM1: u8 = 3;
    pub const WP1: u8 = 4;
    pub const WM2: u8 = 5;
    pub const WP2: u8 = 6;
    pub const BM1: u8 = 7;
    pub const BP1: u8 = 8;
    pub const BIG_L: u8 = 9;
    pub const BIG_R: u8 = 10;
    pub const SUF: u8 = 11;
    pub const PRE: u8 = 14;
    pub const PROC: u8 = 17;
    pub const SHAPE: u8 = 18;
    pub const GAZ: u8 = 19;
    pub const GAZ_M1: u8 = 20;
    pub const GAZ_P1: u8 = 21;
    pub const CUE_M1: u8 = 22;
    pub const CUE_M2: u8 = 23;
    pub const CUE_0: u8 = 24;
    pub const SHAPE_M1: u8 = 25;
    pub const SHAPE_P1: u8 = 26;
    pub const GAZ_W: u8 = 27;
    pub const BM2: u8 = 28;
    pub const BP2: u8 = 29;
    /// Word clusters of the base at three granularities, of the neighbours, and bigrams.
    pub const CL0: u8 = 30;
    pub const CL_M1: u8 = 33;
    pub const CL_P1: u8 = 34;
    pub const CL_BIG_L: u8 = 35;
    pub const CL_BIG_R: u8 = 36;
}

fn feat(t: u8, parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(t);
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0xfe);
    }
    h.finish()
}

fn str_hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// A feature from a template id and hashes of its parts.
fn mix(t: u8, parts: &[u64]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(t);
    for p in parts {
        h.write_u64(*p);
    }
    // Spread the bits: FxHash of a few words keeps low bits correlated.
    let x = h.finish();
    x ^ (x >> 29) ^ (x >> 47)
}

/// Shape classes of a token ([`shape`]); index 0 is the sentence boundary.
const SHAPES: [&str; 13] = [
    "<s>", "<none>", "num", "quote", "stop", "comma", "colon", "paren", "punct", "latin",
    "ar-short", "ar-mid", "ar-long",
];

/// The index in [`SHAPES`] of token `i`'s shape.
fn shape(tokens: &Tokens, i: usize) -> u8 {
    match tokens.kind(i) {
        None => 1,
        Some(Kind::Number) => 2,
        Some(Kind::Punct) => match tokens.surface(i) {
            "\"" => 3,
            "." | "!" | "?" => 4,
            "," | "،" | ";" => 5,
            ":" => 6,
            "(" | ")" | "[" | "]" => 7,
            _ => 8,
        },
        Some(Kind::Word) => {
            let s = tokens.surface(i);
            let latin = s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
            let n = tokens.base(i).chars().count();
            match (latin, n) {
                (true, _) => 9,
                (false, 0..=2) => 10,
                (false, 3..=4) => 11,
                _ => 12,
            }
        }
    }
}

/// Cue classes of a token ([`cue`]); index 0 is none.
const CUES: [&str; 4] = ["", "role", "org", "speech"];

fn cue(tokens: &Tokens, i: usize) -> u8 {
    if tokens.base_in(ROLE_HEADS, i) {
        1
    } else if tokens.base_in(ORG_HEADS, i) {
        2
    } else if tokens.base_in(SPEECH_VERBS, i) {
        3
    } else {
        0
    }
}

/// Word clusters learned from unlabelled news (`examples/clusters.rs`, rebuilt with
/// `cargo run --release -p marsad-entities --example clusters`; retrain the model after).
static EMBEDDED_CLUSTERS: &[u8] = include_bytes!("../model/clusters.tsv.gz");

/// Cluster ids of a base at each granularity (coarse to fine).
pub type ClusterIds = [u16; 3];
/// The ids of a base the clusters do not hold.
pub const NO_CLUSTER: ClusterIds = [u16::MAX; 3];

/// Letters a base must keep after a proclitic to take the cluster of what remains.
pub const MIN_CLUSTERED_REST: usize = 3;

/// Bases (by their hash) → cluster ids.
#[derive(Debug, Default)]
pub struct Clusters {
    map: FxHashMap<u64, ClusterIds>,
}

impl Clusters {
    /// Reads `base<TAB>id<TAB>id<TAB>id` lines; malformed lines are skipped.
    pub fn from_tsv(text: &str) -> Clusters {
        let mut map = FxHashMap::default();
        for line in text.lines() {
            let mut parts = line.split('\t');
            let Some(base) = parts.next() else { continue };
            let mut ids = NO_CLUSTER;
            let mut ok = true;
            for id in ids.iter_mut() {
                match parts.next().and_then(|p| p.parse().ok()) {
                    Some(v) => *id = v,
                    None => ok = false,
                }
            }
            if ok {
                map.insert(str_hash(base), ids);
            }
        }
        Clusters { map }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn of_hash(&self, h: u64) -> ClusterIds {
        self.map.get(&h).copied().unwrap_or(NO_CLUSTER)
    }

    /// The cluster ids of a base.
    pub fn of(&self, base: &str) -> ClusterIds {
        self.of_base(base, str_hash(base))
    }

    /// The cluster ids of a base whose hash is `hash`; a base the clusters do not hold takes
    /// those of its rest after a proclitic (marsad-text's `PROCLITICS`), when the text layer
    /// left one on because it did not know the rest: "بسلف" is "سلف". Without this such
    /// words looked like rare words, and a rare word before a family name is, to the tagger,
    /// a first name ("بسلف كيم").
    fn of_base(&self, base: &str, hash: u64) -> ClusterIds {
        let ids = self.of_hash(hash);
        if ids != NO_CLUSTER {
            return ids;
        }
        marsad_text::PROCLITICS
            .iter()
            .filter_map(|p| base.strip_prefix(p))
            .filter(|rest| rest.chars().nth(MIN_CLUSTERED_REST - 1).is_some())
            .map(|rest| self.of_hash(str_hash(rest)))
            .find(|ids| *ids != NO_CLUSTER)
            .unwrap_or(NO_CLUSTER)
    }
}

/// The embedded clusters, decompressed once (empty if the file were unreadable: a test
/// checks it is not).
pub fn clusters() -> &'static Clusters {
    static CLUSTERS: std::sync::OnceLock<Clusters> = std::sync::OnceLock::new();
    CLUSTERS.get_or_init(|| {
        use std::io::Read;
        let mut text = String::new();
        match flate2::read::GzDecoder::new(EMBEDDED_CLUSTERS).read_to_string(&mut text) {
            Ok(_) => Clusters::from_tsv(&text),
            Err(_) => Clusters::default(),
        }
    })
}

const GAZ_NAMES: [&str; 8] = ["B-P", "I-P", "B-L", "I-L", "B-O", "I-O", "B-M", "I-M"];

/// The hashes of the features made of fixed strings (bias, shapes, gazetteer labels, cue
/// classes), computed once with [`feat`] so that a token costs no string hashing for them.
struct FixedFeatures {
    bias: u64,
    boundary: u64,
    shape: [u64; SHAPES.len()],
    shape_m1: [[u64; SHAPES.len()]; SHAPES.len()],
    shape_p1: [[u64; SHAPES.len()]; SHAPES.len()],
    gaz: [u64; 8],
    gaz_w: [[u64; SHAPES.len()]; 8],
    gaz_m1: [u64; 8],
    gaz_p1: [u64; 8],
    cue_0: [u64; CUES.len()],
    cue_m1: [u64; CUES.len()],
    cue_m2: [u64; CUES.len()],
}

impl FixedFeatures {
    fn get() -> &'static FixedFeatures {
        static FIXED: std::sync::OnceLock<FixedFeatures> = std::sync::OnceLock::new();
        FIXED.get_or_init(|| {
            let one = |t: u8, names: &[&str]| -> Vec<u64> {
                names.iter().map(|n| feat(t, &[n])).collect()
            };
            let pairs = |t: u8, a: &[&str], b: &[&str]| -> Vec<Vec<u64>> {
                a.iter()
                    .map(|x| b.iter().map(|y| feat(t, &[x, y])).collect())
                    .collect()
            };
            fn arr<const N: usize>(v: Vec<u64>) -> [u64; N] {
                let mut out = [0; N];
                out.copy_from_slice(&v);
                out
            }
            fn arr2<const N: usize, const M: usize>(v: Vec<Vec<u64>>) -> [[u64; M]; N] {
                let mut out = [[0; M]; N];
                for (o, row) in out.iter_mut().zip(v) {
                    o.copy_from_slice(&row);
                }
                out
            }
            FixedFeatures {
                bias: feat(tpl::BIAS, &[]),
                boundary: str_hash("<s>"),
                shape: arr(one(tpl::SHAPE, &SHAPES)),
                shape_m1: arr2(pairs(tpl::SHAPE_M1, &SHAPES, &SHAPES)),
                shape_p1: arr2(pairs(tpl::SHAPE_P1, &SHAPES, &SHAPES)),
                gaz: arr(one(tpl::GAZ, &GAZ_NAMES)),
                gaz_w: arr2(pairs(tpl::GAZ_W, &GAZ_NAMES, &SHAPES)),
                gaz_m1: arr(one(tpl::GAZ_M1, &GAZ_NAMES)),
                gaz_p1: arr(one(tpl::GAZ_P1, &GAZ_NAMES)),
                cue_0: arr(one(tpl::CUE_0, &CUES)),
                cue_m1: arr(one(tpl::CUE_M1, &CUES)),
                cue_m2: arr(one(tpl::CUE_M2, &CUES)),
            }
        })
    }
}

/// Per-sentence buffers of [`token_features`], reused from sentence to sentence.
#[derive(Default)]
pub struct FeatureScratch {
    gaz: Vec<u8>,
    shapes: Vec<u8>,
    cues: Vec<u8>,
    word_hashes: Vec<u64>,
    base_hashes: Vec<u64>,
    chars: Vec<usize>,
    clusters: Vec<ClusterIds>,
    token: Vec<u64>,
}

/// Computes the hashed features of every token of `range`, calling `f(position, hash)`.
pub fn features(
    tokens: &Tokens,
    range: std::ops::Range<usize>,
    gaz: &Gazetteer,
    gaz_buf: &mut Vec<u8>,
    mut f: impl FnMut(usize, u64),
) {
    let mut scratch = FeatureScratch {
        gaz: std::mem::take(gaz_buf),
        ..FeatureScratch::default()
    };
    token_features(tokens, range, gaz, &mut scratch, |p, hs| {
        for &h in hs {
            f(p, h)
        }
    });
    *gaz_buf = scratch.gaz;
}

/// [`features`], token by token: `f(position, hashes of that token's features)`, in
/// position order.
pub fn token_features(
    tokens: &Tokens,
    range: std::ops::Range<usize>,
    gaz: &Gazetteer,
    scratch: &mut FeatureScratch,
    mut f: impl FnMut(usize, &[u64]),
) {
    let fixed = FixedFeatures::get();
    let FeatureScratch {
        gaz: gaz_buf,
        shapes,
        cues,
        word_hashes: hw,
        base_hashes: hb,
        chars,
        clusters: cl,
        token: out,
    } = scratch;
    gaz.label(tokens, range.clone(), gaz_buf);
    // Shapes, cue classes, word and base hashes, once per token; features combine them
    // with a template id.
    shapes.clear();
    shapes.extend(range.clone().map(|i| shape(tokens, i)));
    cues.clear();
    cues.extend(range.clone().map(|i| cue(tokens, i)));
    hw.clear();
    hw.extend(range.clone().map(|i| str_hash(tokens.surface(i))));
    hb.clear();
    hb.extend(range.clone().map(|i| str_hash(tokens.base(i))));
    let cl_table = clusters();
    cl.clear();
    cl.extend(
        range
            .clone()
            .zip(hb.iter())
            .map(|(i, &h)| match tokens.kind(i) {
                Some(Kind::Word) => cl_table.of_base(tokens.base(i), h),
                _ => NO_CLUSTER,
            }),
    );
    let lo = range.start as isize;
    let hi = range.end as isize;
    let at = |j: isize| -> Option<usize> { (j >= lo && j < hi).then_some(j as usize) };
    let boundary = fixed.boundary;
    let w = |j: isize| at(j).map_or(boundary, |j| hw[j - range.start]);
    let b = |j: isize| at(j).map_or(boundary, |j| hb[j - range.start]);
    for i in range.clone() {
        let p = i - range.start;
        let ii = i as isize;
        out.clear();
        out.push(fixed.bias);
        let b0 = tokens.base(i);
        out.push(mix(tpl::W0, &[hw[p]]));
        out.push(mix(tpl::B0, &[hb[p]]));
        out.push(mix(tpl::WM1, &[w(ii - 1)]));
        out.push(mix(tpl::WP1, &[w(ii + 1)]));
        out.push(mix(tpl::WM2, &[w(ii - 2)]));
        out.push(mix(tpl::WP2, &[w(ii + 2)]));
        out.push(mix(tpl::BM1, &[b(ii - 1)]));
        out.push(mix(tpl::BP1, &[b(ii + 1)]));
        out.push(mix(tpl::BM2, &[b(ii - 2)]));
        out.push(mix(tpl::BP2, &[b(ii + 2)]));
        out.push(mix(tpl::BIG_L, &[b(ii - 1), hb[p]]));
        out.push(mix(tpl::BIG_R, &[hb[p], b(ii + 1)]));
        chars.clear();
        chars.extend(b0.char_indices().map(|(o, _)| o));
        let n = chars.len();
        for k in 1..=3usize {
            if n > k {
                let cut = chars[n - k];
                out.push(feat(tpl::SUF + k as u8 - 1, &[&b0[cut..]]));
                let cut = chars[k];
                out.push(feat(tpl::PRE + k as u8 - 1, &[&b0[..cut]]));
            }
        }
        out.push(feat(tpl::PROC, &[tokens.proclitic(i)]));
        let c0 = cl[p];
        let cl_at = |j: isize| at(j).map_or(NO_CLUSTER, |j| cl[j - range.start]);
        let (cm1, cp1) = (cl_at(ii - 1), cl_at(ii + 1));
        for (g, &id) in c0.iter().enumerate() {
            out.push(mix(tpl::CL0 + g as u8, &[id as u64]));
        }
        out.push(mix(tpl::CL_M1, &[cm1[1] as u64]));
        out.push(mix(tpl::CL_P1, &[cp1[1] as u64]));
        out.push(mix(tpl::CL_BIG_L, &[cm1[1] as u64, c0[1] as u64]));
        out.push(mix(tpl::CL_BIG_R, &[c0[1] as u64, cp1[1] as u64]));
        let sh = shapes[p] as usize;
        let shape_at = |j: isize| at(j).map_or(0, |j| shapes[j - range.start] as usize);
        out.push(fixed.shape[sh]);
        out.push(fixed.shape_m1[shape_at(ii - 1)][sh]);
        out.push(fixed.shape_p1[sh][shape_at(ii + 1)]);
        let g = gaz_buf[p];
        for bit in 0..GAZ_NAMES.len() {
            if g & (1 << bit) != 0 {
                out.push(fixed.gaz[bit]);
                out.push(fixed.gaz_w[bit][sh]);
            }
        }
        if p > 0 {
            let g = gaz_buf[p - 1];
            for bit in 0..GAZ_NAMES.len() {
                if g & (1 << bit) != 0 {
                    out.push(fixed.gaz_m1[bit]);
                }
            }
        }
        if p + 1 < gaz_buf.len() {
            let g = gaz_buf[p + 1];
            for bit in 0..GAZ_NAMES.len() {
                if g & (1 << bit) != 0 {
                    out.push(fixed.gaz_p1[bit]);
                }
            }
        }
        let c0 = cues[p] as usize;
        if c0 != 0 {
            out.push(fixed.cue_0[c0]);
        }
        if let Some(j) = at(ii - 1) {
            let c = cues[j - range.start] as usize;
            if c != 0 {
                out.push(fixed.cue_m1[c]);
            }
        }
        if let Some(j) = at(ii - 2) {
            let c = cues[j - range.start] as usize;
            if c != 0 {
                out.push(fixed.cue_m2[c]);
            }
        }
        f(p, out);
    }
}

/// The weights of a trained tagger: one row of [`TAGS`] weights per hashed feature bucket,
/// and the tag transitions.
#[derive(Clone, Debug)]
pub struct Weights {
    pub buckets: usize,
    /// Every bucket's row (training); empty once [`Weights::pack`]ed.
    pub emit: Vec<f32>,
    pub trans: [f32; TAGS * TAGS],
    packed: Option<PackedRows>,
}

/// The non-zero rows only, found through a bit per bucket and a rank per 64 buckets. A
/// trained model fills a few percent of its buckets, and the features of unseen words all
/// land on empty ones: decoding then reads a few megabytes that stay in cache instead of
/// missing it on every feature of a table of tens of megabytes.
///
/// Rows are kept as `i16` times `scale`, as the model file stores them, so the table is half
/// the size again; a feature's weights are summed as integers and scaled once per token.
#[derive(Clone, Debug, Default)]
struct PackedRows {
    bits: Vec<u64>,
    /// Non-zero rows before each word of `bits`.
    rank: Vec<u32>,
    rows: Vec<i16>,
    scale: f32,
}

impl Weights {
    pub fn new(buckets: usize) -> Weights {
        let buckets = buckets.next_power_of_two();
        Weights {
            buckets,
            emit: vec![0.0; buckets * TAGS],
            trans: [0.0; TAGS * TAGS],
            packed: None,
        }
    }

    /// The offset of a feature's row in [`Weights::emit`].
    #[inline]
    pub fn row(&self, h: u64) -> usize {
        (h as usize & (self.buckets - 1)) * TAGS
    }

    /// Keeps only the non-zero rows, for decoding (the model can no longer be trained or
    /// written).
    pub fn pack(&mut self) {
        if self.packed.is_some() {
            return;
        }
        let words = self.buckets.div_ceil(64);
        // The model file's quantization (`Model::to_bytes`): a loaded model packs exactly.
        let max = self
            .emit
            .iter()
            .chain(self.trans.iter())
            .fold(0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut packed = PackedRows {
            bits: vec![0; words],
            rank: Vec::with_capacity(words),
            rows: Vec::new(),
            scale,
        };
        for w in 0..words {
            packed.rank.push((packed.rows.len() / TAGS) as u32);
            for bit in 0..64 {
                let b = w * 64 + bit;
                if b >= self.buckets {
                    break;
                }
                let row = &self.emit[b * TAGS..(b + 1) * TAGS];
                let q = |v: f32| (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                if row.iter().any(|&v| q(v) != 0) {
                    packed.bits[w] |= 1 << bit;
                    packed.rows.extend(row.iter().map(|&v| q(v)));
                }
            }
        }
        self.emit = Vec::new();
        self.packed = Some(packed);
    }

    /// A feature's weights per tag (the bucket's, once packed: 0 when none).
    pub fn weights_of(&self, h: u64) -> [f32; TAGS] {
        let b = h as usize & (self.buckets - 1);
        let mut out = [0.0; TAGS];
        match &self.packed {
            None => out.copy_from_slice(&self.emit[b * TAGS..(b + 1) * TAGS]),
            Some(p) => {
                if let Some(row) = p.row(b) {
                    for (o, &v) in out.iter_mut().zip(row) {
                        *o = v as f32 * p.scale;
                    }
                }
            }
        }
        out
    }

    /// Adds each token's feature weights to its tag scores (`feature` is called with a
    /// callback taking (token, that token's feature hashes), tokens in order).
    fn score(
        &self,
        n: usize,
        scores: &mut Vec<f32>,
        feature: impl FnOnce(&mut dyn FnMut(usize, &[u64])),
    ) {
        scores.clear();
        scores.resize(n * TAGS, 0.0);
        let mask = self.buckets - 1;
        match &self.packed {
            None => feature(&mut |p, hs| {
                let s = &mut scores[p * TAGS..p * TAGS + TAGS];
                for &h in hs {
                    let r = self.row(h);
                    for (a, b) in s.iter_mut().zip(&self.emit[r..r + TAGS]) {
                        *a += *b;
                    }
                }
            }),
            Some(packed) => feature(&mut |p, hs| {
                // Integer sums are exact: the order of the features does not matter.
                let mut sums = [0i32; TAGS];
                for &h in hs {
                    if let Some(row) = packed.row(h as usize & mask) {
                        for (a, &b) in sums.iter_mut().zip(row) {
                            *a += b as i32;
                        }
                    }
                }
                for (s, v) in scores[p * TAGS..p * TAGS + TAGS].iter_mut().zip(sums) {
                    *s = v as f32 * packed.scale;
                }
            }),
        }
    }
}

impl PackedRows {
    #[inline]
    fn row(&self, bucket: usize) -> Option<&[i16; TAGS]> {
        let (w, bit) = (bucket / 64, bucket % 64);
        let bits = *self.bits.get(w)?;
        if bits >> bit & 1 == 0 {
            return None;
        }
        let i = *self.rank.get(w)? as usize + (bits & ((1u64 << bit) - 1)).count_ones() as usize;
        self.rows.get(i * TAGS..(i + 1) * TAGS)?.try_into().ok()
    }
}

/// Reusable buffers for decoding.
#[derive(Default)]
pub struct Scratch {
    scores: Vec<f32>,
    back: Vec<u8>,
    features: FeatureScratch,
}

/// Viterbi decoding of `range` with BIO constraints; tags are written to `out`.
pub fn decode(
    w: &Weights,
    gaz: &Gazetteer,
    tokens: &Tokens,
    range: std::ops::Range<usize>,
    scratch: &mut Scratch,
    out: &mut Vec<u8>,
) {
    let n = range.len();
    out.clear();
    if n == 0 {
        return;
    }
    let Scratch {
        scores,
        back,
        features,
    } = scratch;
    w.score(n, scores, |add| {
        token_features(tokens, range, gaz, features, add)
    });
    viterbi(&w.trans, scores, n, back, out);
}

fn viterbi(
    trans: &[f32; TAGS * TAGS],
    scores: &[f32],
    n: usize,
    back: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    // Transitions the BIO constraints forbid score minus infinity: the inner loop is then a
    // plain maximum, without a branch per pair.
    let mut allowed_trans = [f32::NEG_INFINITY; TAGS * TAGS];
    for pt in 0..TAGS {
        for t in 0..TAGS {
            if allowed(pt as u8, t as u8) {
                allowed_trans[pt * TAGS + t] = trans[pt * TAGS + t];
            }
        }
    }
    back.clear();
    back.resize(n * TAGS, 0);
    let mut prev = [f32::NEG_INFINITY; TAGS];
    for (t, p) in prev.iter_mut().enumerate() {
        if allowed(0, t as u8) {
            *p = scores[t];
        }
    }
    for i in 1..n {
        let mut cur = [f32::NEG_INFINITY; TAGS];
        for t in 0..TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            if t == 0 || is_begin(t as u8) {
                for (pt, &ps) in prev.iter().enumerate() {
                    let s = ps + allowed_trans[pt * TAGS + t];
                    if s > best {
                        best = s;
                        arg = pt as u8;
                    }
                }
            } else {
                // I-x follows only B-x (t − 1) or I-x (t): the other tags score −∞ and
                // never win the strict maximum, so they need not be visited.
                for pt in [t - 1, t] {
                    let s = prev[pt] + allowed_trans[pt * TAGS + t];
                    if s > best {
                        best = s;
                        arg = pt as u8;
                    }
                }
            }
            cur[t] = best + scores[i * TAGS + t];
            back[i * TAGS + t] = arg;
        }
        prev = cur;
    }
    let mut best = 0u8;
    for t in 0..TAGS {
        if prev[t] > prev[best as usize] {
            best = t as u8;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best;
    for i in (1..n).rev() {
        best = back[i * TAGS + best as usize];
        out[i - 1] = best;
    }
}

/// One training sentence: its tokens and gold tags.
pub struct Example {
    pub tokens: Tokens,
    pub tags: Vec<u8>,
}

/// Trains an averaged perceptron for `epochs` passes (examples in a seeded shuffled order).
pub fn train(examples: &[Example], gaz: &Gazetteer, buckets: usize, epochs: usize) -> Weights {
    let mut w = Weights::new(buckets);
    let mut acc = Weights::new(buckets);
    // Precomputed feature rows per example.
    let mut gbuf = Vec::new();
    let feats: Vec<Vec<Vec<u32>>> = examples
        .iter()
        .map(|ex| {
            let mut rows = vec![Vec::new(); ex.tokens.len()];
            features(&ex.tokens, 0..ex.tokens.len(), gaz, &mut gbuf, |p, h| {
                rows[p].push(w.row(h) as u32)
            });
            rows
        })
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut c: f32 = 1.0;
    let mut scores = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let ex = &examples[e];
            let rows = &feats[e];
            let n = rows.len();
            if n == 0 {
                continue;
            }
            scores.clear();
            scores.resize(n * TAGS, 0.0);
            for (p, fs) in rows.iter().enumerate() {
                for &r in fs {
                    let r = r as usize;
                    for t in 0..TAGS {
                        scores[p * TAGS + t] += w.emit[r + t];
                    }
                }
            }
            viterbi(&w.trans, &scores, n, &mut back, &mut pred);
            if pred == ex.tags {
                c += 1.0;
                continue;
            }
            for p in 0..n {
                let (g, y) = (ex.tags[p] as usize, pred[p] as usize);
                if g != y {
                    for &r in &rows[p] {
                        let r = r as usize;
                        w.emit[r + g] += 1.0;
                        w.emit[r + y] -= 1.0;
                        acc.emit[r + g] += c;
                        acc.emit[r + y] -= c;
                    }
                }
                let (gp, yp) = if p == 0 {
                    (None, None)
                } else {
                    (Some(ex.tags[p - 1] as usize), Some(pred[p - 1] as usize))
                };
                if let (Some(gp), Some(yp)) = (gp, yp) {
                    if gp != yp || g != y {
                        w.trans[gp * TAGS + g] += 1.0;
                        w.trans[yp * TAGS + y] -= 1.0;
                        acc.trans[gp * TAGS + g] += c;
                        acc.trans[yp * TAGS + y] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    for (a, b) in w.emit.iter_mut().zip(&acc.emit) {
        *a -= *b / c;
    }
    for (a, b) in w.trans.iter_mut().zip(&acc.trans) {
        *a -= *b / c;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_clusters_load() {
        let c = clusters();
        assert!(c.len() > 10_000, "{} clusters", c.len());
        // Frequent words are clustered; a nonsense word is not.
        assert_ne!(c.of("قال"), NO_CLUSTER);
        assert_eq!(c.of("ققققق"), NO_CLUSTER);
        // A proclitic the text layer left on does not hide the word.
        assert_eq!(c.of("بسلف"), c.of("سلف"));
        assert_ne!(c.of("سلف"), NO_CLUSTER);
    }

    #[test]
    fn inside_tags_follow_their_type_only() {
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(2, 3));
        assert_eq!(tag_type(b_tag(EntityType::Org)), Some(EntityType::Org));
    }

    #[test]
    fn gazetteer_labels_the_longest_match() {
        let mut g = Gazetteer::default();
        g.insert("ولايات متحده", 2);
        g.insert("ولايات", 4);
        let t = Tokens::new("في الولايات المتحدة اليوم");
        let mut out = Vec::new();
        g.label(&t, 0..t.len(), &mut out);
        assert_eq!(out, vec![0, 1 << 2, 1 << 3, 0]);
    }

    #[test]
    fn a_perceptron_learns_a_toy_pattern() {
        let mk = |text: &str, tags: &[u8]| Example {
            tokens: Tokens::new(text),
            tags: tags.to_vec(),
        };
        let ex = vec![
            mk("قال الرئيس سمير اليوم", &[0, 0, 1, 0]),
            mk("قال الرئيس كمال اليوم", &[0, 0, 1, 0]),
            mk("زار الوفد باريس اليوم", &[0, 0, 3, 0]),
            mk("زار الوفد لندن اليوم", &[0, 0, 3, 0]),
        ];
        let g = Gazetteer::default();
        let w = train(&ex, &g, 1 << 12, 5);
        let t = Tokens::new("قال الرئيس سمير اليوم");
        let mut out = Vec::new();
        decode(&w, &g, &t, 0..t.len(), &mut Scratch::default(), &mut out);
        assert_eq!(out, vec![0, 0, 1, 0]);
    }
}
