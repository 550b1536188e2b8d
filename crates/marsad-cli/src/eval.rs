//! `marsad eval seeds`: extraction measured against the hand annotation
//! `gold.json` of the seed pages.
//!
//! Body lines are the gold `body_lines` ∪ `subheading_lines` of all of a
//! page's articles, against the `line`s of all predicted paragraphs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use marsad_extract::extract;
use marsad_model::PageResult;
use marsad_page::{read_pages, Input, ReadOptions};
use serde::{Deserialize, Serialize};

/// The bars of the text-dump issue.
pub const MIN_POOLED_F1: f64 = 0.97;
pub const MIN_PAGE_F1: f64 = 0.93;

#[derive(Deserialize)]
struct Gold {
    pages: BTreeMap<String, GoldPage>,
}

#[derive(Deserialize)]
struct GoldPage {
    articles: Vec<GoldArticle>,
}

#[derive(Deserialize)]
struct GoldArticle {
    title_lines: Vec<u32>,
    #[serde(default)]
    also_acceptable_title_lines: Vec<u32>,
    date: Option<String>,
    body_lines: Vec<u32>,
    #[serde(default)]
    subheading_lines: Vec<u32>,
}

#[derive(Debug, Serialize)]
pub struct PageScore {
    pub file: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub missed_lines: Vec<u32>,
    pub extra_lines: Vec<u32>,
    pub articles_expected: usize,
    pub articles_found: usize,
    /// Per gold article: was the title line acceptable?
    pub titles_right: Vec<bool>,
    /// Per gold article with a date: found by day?
    pub dates_right: Vec<bool>,
}

#[derive(Debug, Serialize)]
pub struct SeedReport {
    pub pages: Vec<PageScore>,
    pub pooled_precision: f64,
    pub pooled_recall: f64,
    pub pooled_f1: f64,
}

impl SeedReport {
    pub fn passes(&self) -> bool {
        self.pooled_f1 >= MIN_POOLED_F1
            && self.pages.iter().all(|p| {
                p.f1 >= MIN_PAGE_F1
                    && p.articles_expected == p.articles_found
                    && p.titles_right.iter().all(|&t| t)
                    && p.dates_right.iter().all(|&d| d)
            })
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

pub fn eval_seeds(dir: &Path) -> Result<SeedReport> {
    let gold_path = dir.join("gold.json");
    let gold: Gold = serde_json::from_slice(
        &std::fs::read(&gold_path).with_context(|| format!("reading {}", gold_path.display()))?,
    )
    .with_context(|| format!("parsing {}", gold_path.display()))?;
    let (mut tp_all, mut fp_all, mut fn_all) = (0, 0, 0);
    let mut pages = Vec::new();
    for (file, gold_page) in &gold.pages {
        let path = dir.join(file);
        let input = Input::File {
            path: path.clone(),
            name: path.display().to_string(),
        };
        let page = read_pages(&input, &ReadOptions::default())
            .next()
            .with_context(|| format!("{}: no page read", path.display()))?
            .map_err(anyhow::Error::from)?;
        let extracted = match PageResult::Extracted(extract(&page)) {
            PageResult::Extracted(p) => p,
            PageResult::Failed(e) => anyhow::bail!("{}: {}", e.source, e.error),
        };
        let gold_lines: BTreeSet<u32> = gold_page
            .articles
            .iter()
            .flat_map(|a| a.body_lines.iter().chain(&a.subheading_lines).copied())
            .collect();
        let found: BTreeSet<u32> = extracted
            .articles
            .iter()
            .flat_map(|a| a.paragraphs.iter().filter_map(|p| p.line))
            .collect();
        let tp = gold_lines.intersection(&found).count();
        let fp = found.difference(&gold_lines).count();
        let fn_ = gold_lines.difference(&found).count();
        let (precision, recall, f1) = prf(tp, fp, fn_);
        tp_all += tp;
        fp_all += fp;
        fn_all += fn_;
        let titles_right = gold_page
            .articles
            .iter()
            .enumerate()
            .map(|(k, g)| {
                extracted
                    .articles
                    .get(k)
                    .and_then(|a| a.title_line)
                    .is_some_and(|l| {
                        g.title_lines.contains(&l) || g.also_acceptable_title_lines.contains(&l)
                    })
            })
            .collect();
        let dates_right = gold_page
            .articles
            .iter()
            .enumerate()
            .filter_map(|(k, g)| {
                let want = g.date.as_deref()?;
                let got = extracted
                    .articles
                    .get(k)
                    .and_then(|a| a.published)
                    .map(|p| p.date_only().to_string());
                Some(got.as_deref() == Some(&want[..want.len().min(10)]))
            })
            .collect();
        pages.push(PageScore {
            file: file.clone(),
            precision,
            recall,
            f1,
            missed_lines: gold_lines.difference(&found).copied().collect(),
            extra_lines: found.difference(&gold_lines).copied().collect(),
            articles_expected: gold_page.articles.len(),
            articles_found: extracted.articles.len(),
            titles_right,
            dates_right,
        });
    }
    let (pooled_precision, pooled_recall, pooled_f1) = prf(tp_all, fp_all, fn_all);
    Ok(SeedReport {
        pages,
        pooled_precision,
        pooled_recall,
        pooled_f1,
    })
}

pub fn print_report(r: &SeedReport) {
    println!(
        "{:<28} {:>6} {:>6} {:>6}  {:>8}  {:>6}  {:>5}",
        "page", "P", "R", "F1", "articles", "titles", "dates"
    );
    for p in &r.pages {
        let ok = |v: &[bool]| format!("{}/{}", v.iter().filter(|&&b| b).count(), v.len());
        println!(
            "{:<28} {:>6.3} {:>6.3} {:>6.3}  {:>8}  {:>6}  {:>5}",
            p.file,
            p.precision,
            p.recall,
            p.f1,
            format!("{}/{}", p.articles_found, p.articles_expected),
            ok(&p.titles_right),
            ok(&p.dates_right),
        );
        if !p.missed_lines.is_empty() {
            println!("    missed body lines: {:?}", p.missed_lines);
        }
        if !p.extra_lines.is_empty() {
            println!("    extra body lines:  {:?}", p.extra_lines);
        }
    }
    println!(
        "{:<28} {:>6.3} {:>6.3} {:>6.3}",
        "pooled", r.pooled_precision, r.pooled_recall, r.pooled_f1
    );
    println!(
        "bars: pooled F1 ≥ {MIN_POOLED_F1}, every page ≥ {MIN_PAGE_F1}, article counts, titles, dates: {}",
        if r.passes() { "PASS" } else { "FAIL" }
    );
}
