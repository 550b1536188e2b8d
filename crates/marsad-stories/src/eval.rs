//! Clustering measures used by the tests and benchmarks.

use std::collections::HashMap;
use std::hash::Hash;

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
}
