//! Builds word clusters for tagger features (`model/clusters.tsv.gz`; not used by the tagger
//! yet, see the README's "Not done"):
//! `cargo run --release -p marsad-entities --example clusters`.
//!
//! Unlabelled text: every SaudiNewsNet article (`../shared/data/saudinewsnet/dataset/*.zip`)
//! and every ANT v2.1 article (`../shared/data/ant-multisource-v2.1.tar.gz`), tokenized
//! by the tagger's own [`Tokens`] (bases: marsad-text's matching form without clitics).
//! Each of the [`VOCABULARY`] most frequent bases is described by the counts of the
//! [`CONTEXTS`] most frequent bases (and punctuation / sentence edges) right before and right
//! after it, weighted as positive PMI and normalised; a fixed random projection to
//! [`DIMENSIONS`] dimensions keeps cosines, and spherical k-means groups the words at
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
/// Context bases counted on each side.
const CONTEXTS: usize = 600;
const DIMENSIONS: usize = 96;
const GRANULARITIES: [usize; 3] = [64, 256, 1024];
const ITERATIONS: usize = 12;
/// A base needs this many occurrences to be clustered.
const MIN_COUNT: u32 = 5;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn gauss(&mut self) -> f32 {
        // Sum of uniforms: close enough to normal for a projection.
        let mut s = 0.0;
        for _ in 0..6 {
            s += (self.next() >> 11) as f32 / (1u64 << 53) as f32;
        }
        s - 3.0
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

/// Spherical k-means from k distinct words drawn with a fixed seed.
fn kmeans(x: &[f32], n: usize, k: usize, seed: u64) -> Vec<u16> {
    let d = DIMENSIONS;
    let mut rng = Rng(seed);
    let mut cent = vec![0f32; k * d];
    // Seeds: k distinct words drawn uniformly.
    let mut used = vec![false; n];
    for c in 0..k {
        loop {
            let w = (rng.next() % n as u64) as usize;
            if !used[w] {
                used[w] = true;
                cent[c * d..(c + 1) * d].copy_from_slice(&x[w * d..(w + 1) * d]);
                break;
            }
        }
    }
    let mut assign = vec![0u16; n];
    for it in 0..ITERATIONS {
        let mut changed = 0;
        for w in 0..n {
            let xv = &x[w * d..(w + 1) * d];
            let mut best = (f32::NEG_INFINITY, 0usize);
            for c in 0..k {
                let cv = &cent[c * d..(c + 1) * d];
                let s: f32 = xv.iter().zip(cv).map(|(a, b)| a * b).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[w] as usize != best.1 || it == 0 {
                changed += 1;
            }
            assign[w] = best.1 as u16;
        }
        cent.iter_mut().for_each(|v| *v = 0.0);
        let mut sizes = vec![0usize; k];
        for w in 0..n {
            let c = assign[w] as usize;
            sizes[c] += 1;
            for (a, b) in cent[c * d..(c + 1) * d]
                .iter_mut()
                .zip(&x[w * d..(w + 1) * d])
            {
                *a += b;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                // An empty cluster restarts at a random word.
                let w = (rng.next() as usize) % n;
                cent[c * d..(c + 1) * d].copy_from_slice(&x[w * d..(w + 1) * d]);
            } else {
                normalize(&mut cent[c * d..(c + 1) * d]);
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
        .filter(|&i| counts[i as usize] >= MIN_COUNT)
        .take(VOCABULARY)
        .collect();
    // Context slots: 0 = edge/punctuation, 1 = number, then the most frequent bases.
    let mut slot = vec![u32::MAX; names.len()];
    slot[0] = 0;
    slot[1] = 1;
    for (s, &i) in order.iter().take(CONTEXTS).enumerate() {
        slot[i as usize] = s as u32 + 2;
    }
    let width = CONTEXTS + 2;
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
            let l = slot[seq[p - 1] as usize];
            if l != u32::MAX {
                cooc[base + l as usize] += 1;
            }
            let rr = slot[seq[p + 1] as usize];
            if rr != u32::MAX {
                cooc[base + width + rr as usize] += 1;
            }
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
    // A fixed random projection.
    let mut rng = Rng(0x5EED_C1A5_7E25);
    let proj: Vec<f32> = (0..2 * width * DIMENSIONS).map(|_| rng.gauss()).collect();
    let mut x = vec![0f32; n * DIMENSIONS];
    for r in 0..n {
        let xv = &mut x[r * DIMENSIONS..(r + 1) * DIMENSIONS];
        for c in 0..2 * width {
            let v = cooc[r * 2 * width + c] as f64;
            if v == 0.0 || ctx_total[c] == 0.0 || row_total[r] == 0.0 {
                continue;
            }
            // PMI = log P(c | w) / P_0.75(c).
            let pmi = (v * smoothed_total / (row_total[r] * ctx_total[c].powf(0.75))).ln();
            if pmi > 0.0 {
                let w = pmi as f32;
                for (a, b) in xv
                    .iter_mut()
                    .zip(&proj[c * DIMENSIONS..(c + 1) * DIMENSIONS])
                {
                    *a += w * b;
                }
            }
        }
        normalize(xv);
    }
    drop(cooc);
    let assigns: Vec<Vec<u16>> = GRANULARITIES
        .iter()
        .enumerate()
        .map(|(g, &k)| kmeans(&x, n, k, 0xC0FFEE + g as u64))
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
