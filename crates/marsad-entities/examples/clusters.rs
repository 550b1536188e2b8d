//! Builds the word clusters of the tagger's features (`model/clusters.tsv.gz`):
//! `cargo run --release -p marsad-entities --example clusters`.
//!
//! Unlabelled text: every SaudiNewsNet article (`../shared/data/saudinewsnet/dataset/*.zip`)
//! and every ANT v2.1 article (`../shared/data/ant-multisource-v2.1.tar.gz`), tokenized
//! by the tagger's own [`Tokens`] (bases: marsad-text's matching form without clitics).
//! Each of the [`VOCABULARY`] most frequent bases is described by the counts of the
//! [`CONTEXTS`] most frequent bases (and punctuation / sentence edges / numbers, and one slot
//! for every other word) right before and right after it, weighted as positive PMI and
//! normalised; a base with fewer than [`MIN_CONTEXT_MASS`] occurrences gets no cluster;
//! spherical k-means on these sparse vectors (no projection: a random projection to 96
//! dimensions blurred the cosines of 4,000-context vectors) groups the words at
//! three granularities ([`GRANULARITIES`]). Deterministic: fixed seeds, fixed order.
//!
//! Output lines: `base<TAB>c1<TAB>c2<TAB>c3` (cluster ids, coarse to fine).

mod common;

use std::io::Write;
use std::path::Path;

use marsad_entities::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;

/// Bases that get a cluster.
const VOCABULARY: usize = 30_000;
/// Context bases counted on each side. With 600 (the first attempt) a name's neighbours were
/// mostly outside them: "كيم" was described by its left side alone and fell among role titles
/// (وزير، مستشار), which taught the tagger that the word after it continues a name
/// ("كيم يعززان").
const CONTEXTS: usize = 2_000;
const GRANULARITIES: [usize; 3] = [64, 256, 1024];
const ITERATIONS: usize = 12;
/// A base needs this many occurrences to be clustered: fewer give a context vector too noisy
/// to place it (a poor cluster misleads the tagger more than none).
const MIN_CONTEXT_MASS: u32 = 50;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Every article's token sequence as ids, the base of each id, and its count.
type Corpus = (Vec<Vec<u32>>, Vec<String>, Vec<u32>);

/// Every article's token sequence as ids (0 = sentence edge / punctuation, 1 = a number).
fn read_corpus() -> common::anyhow_lite::Result<Corpus> {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut names: Vec<String> = vec!["<p>".into(), "<num>".into()];
    let mut counts: Vec<u32> = vec![0, 0];
    let mut docs: Vec<Vec<u32>> = Vec::new();
    let mut add_text = |text: &str, docs: &mut Vec<Vec<u32>>| {
        let t = Tokens::new(text);
        let mut seq = Vec::with_capacity(t.len() + 1);
        seq.push(0);
        for i in 0..t.len() {
            let id = match t.kind(i) {
                Some(Kind::Word) => {
                    let b = t.base(i);
                    match ids.get(b) {
                        Some(&id) => id,
                        None => {
                            let id = names.len() as u32;
                            ids.insert(b.to_owned(), id);
                            names.push(b.to_owned());
                            counts.push(0);
                            id
                        }
                    }
                }
                Some(Kind::Number) => 1,
                _ => 0,
            };
            counts[id as usize] += 1;
            seq.push(id);
        }
        seq.push(0);
        docs.push(seq);
    };
    let data = common::data_dir();
    let snn = data.join("saudinewsnet/dataset");
    let mut zips: Vec<_> = std::fs::read_dir(&snn)
        .map_err(|e| format!("{}: {e}", snn.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    for z in &zips {
        let _ = marsad_corpus::for_each_record(
            z,
            "saudinewsnet",
            marsad_corpus::Corpus::SaudiNewsNet,
            &mut |r| {
                if let Ok(a) = r {
                    add_text(&a.text, &mut docs);
                }
                std::ops::ControlFlow::Continue(())
            },
        );
    }
    let snn_docs = docs.len();
    let ant = data.join("ant-multisource-v2.1.tar.gz");
    let _ = marsad_corpus::for_each_record(&ant, "ant", marsad_corpus::Corpus::Ant, &mut |r| {
        if let Ok(a) = r {
            add_text(&a.text, &mut docs);
        }
        std::ops::ControlFlow::Continue(())
    });
    eprintln!(
        "read {snn_docs} SaudiNewsNet and {} ANT articles, {} distinct bases",
        docs.len() - snn_docs,
        names.len()
    );
    Ok((docs, names, counts))
}

fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// A word's positive-PMI vector: (context slot, weight), unit length.
type Sparse = Vec<(u32, f32)>;

/// Spherical k-means on the sparse vectors (`dims` coordinates) from k distinct words drawn
/// with a fixed seed. Centroids are kept transposed (coordinate-major), so scoring a word
/// against every centroid reads one contiguous row per non-zero coordinate.
fn kmeans(x: &[Sparse], dims: usize, k: usize, seed: u64) -> Vec<u16> {
    let n = x.len();
    let mut rng = Rng(seed);
    let mut cent_t = vec![0f32; dims * k];
    let mut used = vec![false; n];
    for c in 0..k {
        loop {
            let w = (rng.next() % n as u64) as usize;
            if !used[w] && !x[w].is_empty() {
                used[w] = true;
                for &(j, v) in &x[w] {
                    cent_t[j as usize * k + c] = v;
                }
                break;
            }
        }
    }
    let mut assign = vec![0u16; n];
    let mut scores = vec![0f32; k];
    for it in 0..ITERATIONS {
        let mut changed = 0;
        for w in 0..n {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(j, v) in &x[w] {
                let row = &cent_t[j as usize * k..(j as usize + 1) * k];
                for (s, c) in scores.iter_mut().zip(row) {
                    *s += v * c;
                }
            }
            let best = scores
                .iter()
                .enumerate()
                .fold((f32::NEG_INFINITY, 0usize), |b, (c, &s)| {
                    if s > b.0 {
                        (s, c)
                    } else {
                        b
                    }
                });
            if assign[w] as usize != best.1 || it == 0 {
                changed += 1;
            }
            assign[w] = best.1 as u16;
        }
        // New centroids: the normalised sum of their words.
        let mut cent = vec![0f32; k * dims];
        let mut sizes = vec![0usize; k];
        for w in 0..n {
            let c = assign[w] as usize;
            sizes[c] += 1;
            for &(j, v) in &x[w] {
                cent[c * dims + j as usize] += v;
            }
        }
        for c in 0..k {
            let row = &mut cent[c * dims..(c + 1) * dims];
            if sizes[c] == 0 {
                // An empty cluster restarts at a random word.
                let w = (rng.next() as usize) % n;
                for &(j, v) in &x[w] {
                    row[j as usize] = v;
                }
            } else {
                normalize(row);
            }
        }
        for c in 0..k {
            for j in 0..dims {
                cent_t[j * k + c] = cent[c * dims + j];
            }
        }
        eprintln!("k={k} iteration {}: {changed} changed", it + 1);
        if changed * 1000 < n {
            break;
        }
    }
    assign
}

fn main() -> common::anyhow_lite::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("model/clusters.tsv.gz")
            .display()
            .to_string()
    });
    let (docs, names, counts) = read_corpus()?;
    // Ranks by frequency (ties by name, for determinism).
    let mut order: Vec<u32> = (2..names.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    let vocab: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&i| counts[i as usize] >= MIN_CONTEXT_MASS)
        .take(VOCABULARY)
        .collect();
    // Context slots: 0 = edge/punctuation, 1 = number, 2 = any other word, then the most
    // frequent bases.
    const OTHER_WORD: u32 = 2;
    let mut slot = vec![OTHER_WORD; names.len()];
    slot[0] = 0;
    slot[1] = 1;
    for (s, &i) in order.iter().take(CONTEXTS).enumerate() {
        slot[i as usize] = s as u32 + 3;
    }
    let width = CONTEXTS + 3;
    let mut row = vec![u32::MAX; names.len()];
    for (r, &i) in vocab.iter().enumerate() {
        row[i as usize] = r as u32;
    }
    let n = vocab.len();
    // Left and right context counts.
    let mut cooc = vec![0u32; n * 2 * width];
    for seq in &docs {
        for p in 1..seq.len().saturating_sub(1) {
            let r = row[seq[p] as usize];
            if r == u32::MAX {
                continue;
            }
            let base = r as usize * 2 * width;
            cooc[base + slot[seq[p - 1] as usize] as usize] += 1;
            cooc[base + width + slot[seq[p + 1] as usize] as usize] += 1;
        }
    }
    drop(docs);
    // Positive PMI per side.
    let mut ctx_total = vec![0f64; 2 * width];
    let mut row_total = vec![0f64; n];
    for r in 0..n {
        for c in 0..2 * width {
            let v = cooc[r * 2 * width + c] as f64;
            ctx_total[c] += v;
            row_total[r] += v;
        }
    }
    // Smoothed context distribution (counts^0.75, as in word2vec / Levy et al. 2015).
    let smoothed_total: f64 = ctx_total.iter().map(|c| c.powf(0.75)).sum();
    let dims = 2 * width;
    let mut x: Vec<Sparse> = Vec::with_capacity(n);
    for r in 0..n {
        let mut v: Sparse = Vec::new();
        for c in 0..dims {
            let count = cooc[r * dims + c] as f64;
            if count == 0.0 || ctx_total[c] == 0.0 || row_total[r] == 0.0 {
                continue;
            }
            // PMI = log P(c | w) / P_0.75(c).
            let pmi = (count * smoothed_total / (row_total[r] * ctx_total[c].powf(0.75))).ln();
            if pmi > 0.0 {
                v.push((c as u32, pmi as f32));
            }
        }
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        v.iter_mut()
            .for_each(|(_, w)| *w /= norm.max(f32::MIN_POSITIVE));
        x.push(v);
    }
    drop(cooc);
    let assigns: Vec<Vec<u16>> = GRANULARITIES
        .iter()
        .enumerate()
        .map(|(g, &k)| kmeans(&x, dims, k, 0xC0FFEE + g as u64))
        .collect();
    let mut text = String::new();
    for (r, &i) in vocab.iter().enumerate() {
        text.push_str(&names[i as usize]);
        for a in &assigns {
            text.push('\t');
            text.push_str(&a[r].to_string());
        }
        text.push('\n');
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes())?;
    let bytes = gz.finish()?;
    std::fs::write(&out, &bytes)?;
    eprintln!("wrote {out}: {n} words, {} bytes", bytes.len());
    Ok(())
}
