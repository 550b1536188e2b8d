//! Clustering measures used by the tests and benchmarks.

use std::collections::HashMap;
use std::hash::Hash;

use crate::settings::MEAN_LINK;
use crate::similarity::{Signals, Weights};

/// B-cubed precision, recall and F1 of a predicted clustering against a gold one. Both map
/// item → cluster label; items missing from either side are ignored.
pub fn bcubed<I, P, G>(predicted: &HashMap<I, P>, gold: &HashMap<I, G>) -> (f64, f64, f64)
where
    I: Eq + Hash,
    P: Eq + Hash,
    G: Eq + Hash,
{
    let items: Vec<&I> = gold.keys().filter(|i| predicted.contains_key(*i)).collect();
    if items.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut by_pair: HashMap<(&P, &G), usize> = HashMap::new();
    let mut by_pred: HashMap<&P, usize> = HashMap::new();
    let mut by_gold: HashMap<&G, usize> = HashMap::new();
    for i in &items {
        let (p, g) = (&predicted[*i], &gold[*i]);
        *by_pair.entry((p, g)).or_insert(0) += 1;
        *by_pred.entry(p).or_insert(0) += 1;
        *by_gold.entry(g).or_insert(0) += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for i in &items {
        let (p, g) = (&predicted[*i], &gold[*i]);
        let both = by_pair[&(p, g)] as f64;
        precision += both / by_pred[p] as f64;
        recall += both / by_gold[g] as f64;
    }
    let n = items.len() as f64;
    let (p, r) = (precision / n, recall / n);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Pairs a fit looks at: the index never scores a pair that shares neither a heavy term nor a
/// name, and those are nearly all different stories; leaving them out keeps the fit on the
/// pairs where the decision is made.
pub fn scored_by_the_index(s: &Signals) -> bool {
    s.cosine >= 0.03 || s.names > 0.0
}

/// The signals of a pair as the regression sees them: `[1, cosine, title, names, figures,
/// dates, quotes, days past the grace period]`.
fn regressors(s: &Signals) -> [f64; 8] {
    [
        1.0,
        f64::from(s.cosine),
        f64::from(s.title),
        f64::from(s.names),
        f64::from(s.figures),
        f64::from(s.dates),
        f64::from(s.quotes),
        f64::from(s.days_past_grace()),
    ]
}

/// Fits the same-story weights on labelled pairs (same story or not): an L2-regularised
/// (λ = 1, not on the constant) logistic regression by iteratively reweighted least squares,
/// over the pairs [`scored_by_the_index`] keeps. A signal that fits a negative weight gets 0
/// (sharing something never counts against), and the time weight is a penalty (≥ 0). The
/// bias is the fitted one and the mean link the stage's: where to cut and how to link are
/// chosen on clusterings, not pairs.
pub fn fit_weights(pairs: &[(bool, Signals)]) -> Weights {
    const N: usize = 8;
    const LAMBDA: f64 = 1.0;
    let rows: Vec<([f64; N], f64)> = pairs
        .iter()
        .filter(|(_, s)| scored_by_the_index(s))
        .map(|(same, s)| (regressors(s), f64::from(u8::from(*same))))
        .collect();
    let mut w = [0.0f64; N];
    for _ in 0..25 {
        let mut hessian = [[0.0f64; N]; N];
        let mut gradient = [0.0f64; N];
        for i in 1..N {
            hessian[i][i] = LAMBDA;
            gradient[i] = LAMBDA * w[i];
        }
        for (x, y) in &rows {
            let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp());
            let s = p * (1.0 - p);
            for i in 0..N {
                gradient[i] += (p - y) * x[i];
                for j in 0..N {
                    hessian[i][j] += x[i] * s * x[j];
                }
            }
        }
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        let mut moved = 0.0f64;
        for i in 0..N {
            w[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-6 {
            break;
        }
    }
    let positive = |v: f64| v.max(0.0) as f32;
    Weights {
        bias: w[0] as f32,
        cosine: positive(w[1]),
        title: positive(w[2]),
        names: positive(w[3]),
        figures: positive(w[4]),
        dates: positive(w[5]),
        quotes: positive(w[6]),
        per_day: positive(-w[7]),
        mean_link: MEAN_LINK,
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (`None` when singular).
fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> Option<[f64; N]> {
    for c in 0..N {
        let pivot = (c..N).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[pivot][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, pivot);
        b.swap(c, pivot);
        let pivot_row = a[c];
        for r in 0..N {
            if r != c {
                let f = a[r][c] / pivot_row[c];
                for (x, p) in a[r].iter_mut().zip(&pivot_row).skip(c) {
                    *x -= f * p;
                }
                b[r] -= f * b[c];
            }
        }
    }
    let mut x = [0.0; N];
    for i in 0..N {
        x[i] = b[i] / a[i][i];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_of_a_perfect_and_of_a_merged_clustering() {
        let gold: HashMap<u32, &str> = [(1, "a"), (2, "a"), (3, "b")].into();
        let same: HashMap<u32, u32> = [(1, 7), (2, 7), (3, 8)].into();
        assert_eq!(bcubed(&same, &gold), (1.0, 1.0, 1.0));
        let merged: HashMap<u32, u32> = [(1, 7), (2, 7), (3, 7)].into();
        let (p, r, _) = bcubed(&merged, &gold);
        assert!((p - (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert_eq!(r, 1.0);
    }

    #[test]
    fn the_fit_weighs_the_signal_that_separates_the_pairs() {
        // Same-story pairs have a high cosine, the others a low one; names are noise.
        let pair = |same: bool, cosine: f32, names: f32| {
            (
                same,
                Signals {
                    cosine,
                    names,
                    ..Signals::default()
                },
            )
        };
        let mut pairs = Vec::new();
        for k in 0..200 {
            let jitter = (k % 10) as f32 * 0.02;
            pairs.push(pair(true, 0.5 + jitter, 0.3));
            pairs.push(pair(false, 0.1 + jitter, 0.3));
            pairs.push(pair(false, 0.2 + jitter, 0.0));
        }
        let w = fit_weights(&pairs);
        assert!(w.cosine > 5.0, "{w:?}");
        assert!(w.bias < 0.0, "{w:?}");
        let p = |c: f32| pair(true, c, 0.3).1.same_story_with(&w);
        assert!(p(0.6) > 0.5 && p(0.15) < 0.5, "{w:?}");
    }
}
