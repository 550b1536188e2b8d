//! Figures compared across outlets: figures about the same thing (the same unit: what they
//! count) reported by several outlets agree or differ, with every outlet's value.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Figure;

/// Values closer than this (relative) are the same figure: rounding in words.
pub const SAME_VALUE_TOLERANCE: f64 = 0.01;
/// With a qualifier ("نحو", "أكثر من") on either side, values this close still agree.
pub const APPROXIMATE_TOLERANCE: f64 = 0.1;

/// A figure from one article of one outlet.
#[derive(Clone, Debug, Serialize)]
pub struct OutletFigure {
    pub outlet: String,
    /// Which article (a store id or a source name).
    pub article: String,
    pub figure: Figure,
}

/// Agree or differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Agree,
    Differ,
}

/// One unit reported by at least two outlets.
#[derive(Clone, Debug, Serialize)]
pub struct FigureComparison {
    pub unit: String,
    pub verdict: Verdict,
    /// Each outlet's figures for the unit, largest value first.
    pub values: Vec<OutletFigure>,
}

fn close(a: &Figure, b: &Figure) -> bool {
    let tol = if a.qualifier.is_some() || b.qualifier.is_some() {
        APPROXIMATE_TOLERANCE
    } else {
        SAME_VALUE_TOLERANCE
    };
    let m = a.value.abs().max(b.value.abs());
    m == 0.0 || (a.value - b.value).abs() <= tol * m
}

/// Groups `figures` by unit and compares the outlets' values. Units reported by a single
/// outlet are left out. Within a unit, outlets agree when each outlet reports a value that
/// another outlet also reports (up to rounding, or 10% with a qualifier); otherwise they
/// differ.
pub fn compare_figures(figures: &[OutletFigure]) -> Vec<FigureComparison> {
    let mut by_unit: BTreeMap<&str, Vec<&OutletFigure>> = BTreeMap::new();
    for f in figures {
        if let Some(u) = f.figure.unit.as_deref() {
            by_unit.entry(u).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    for (unit, mut fs) in by_unit {
        let mut outlets: Vec<&str> = fs.iter().map(|f| f.outlet.as_str()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        if outlets.len() < 2 {
            continue;
        }
        let agree = fs.iter().all(|a| {
            fs.iter()
                .any(|b| b.outlet != a.outlet && close(&a.figure, &b.figure))
        });
        fs.sort_by(|a, b| {
            b.figure
                .value
                .total_cmp(&a.figure.value)
                .then(a.outlet.cmp(&b.outlet))
        });
        out.push(FigureComparison {
            unit: unit.to_owned(),
            verdict: if agree {
                Verdict::Agree
            } else {
                Verdict::Differ
            },
            values: fs.into_iter().cloned().collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(outlet: &str, value: f64, unit: &str, qualifier: Option<&str>) -> OutletFigure {
        OutletFigure {
            outlet: outlet.into(),
            article: format!("{outlet}-1"),
            figure: Figure {
                text: String::new(),
                value,
                unit: Some(unit.into()),
                qualifier: qualifier.map(Into::into),
                start: 0,
                end: 0,
            },
        }
    }

    #[test]
    fn same_unit_same_value_agrees_and_different_values_differ() {
        let v = compare_figures(&[
            of("A", 1500.0, "جندي", None),
            of("B", 1500.0, "جندي", None),
            of("A", 3e6, "قذيفة", None),
            of("B", 2e6, "قذيفة", None),
            of("C", 70.0, "قاعدة", None),
        ]);
        assert_eq!(v.len(), 2);
        let soldiers = v.iter().find(|c| c.unit == "جندي").map(|c| c.verdict);
        let shells = v.iter().find(|c| c.unit == "قذيفة");
        assert_eq!(soldiers, Some(Verdict::Agree));
        assert_eq!(shells.map(|c| c.verdict), Some(Verdict::Differ));
        assert_eq!(shells.map(|c| c.values[0].figure.value), Some(3e6));
    }

    #[test]
    fn a_qualifier_allows_approximate_agreement() {
        let v = compare_figures(&[
            of("A", 100.0, "قتيل", Some("نحو")),
            of("B", 95.0, "قتيل", None),
        ]);
        assert_eq!(v[0].verdict, Verdict::Agree);
        let v = compare_figures(&[of("A", 100.0, "قتيل", None), of("B", 95.0, "قتيل", None)]);
        assert_eq!(v[0].verdict, Verdict::Differ);
    }
}
