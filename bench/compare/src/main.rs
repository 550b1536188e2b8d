//! Runs marsad-html, dom_smoothie and rs-trafilatura on the Zyte article
//! extraction benchmark, scores them with the benchmark's own `evaluate.py`
//! and prints F1 and pages/s side by side. See README.md.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use marsad_model::{Page, PageFormat, ParagraphKind};
use serde_json::{json, Value};

const TOOLS: &[&str] = &["marsad", "dom_smoothie", "rs_trafilatura"];

struct Args {
    data: PathBuf,
    tools: Vec<String>,
    repeat: u32,
    per_page: Option<PathBuf>,
    keep: bool,
}

fn parse_args() -> Result<Args> {
    let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = Args {
        data: repo_root.join("../shared/data/zyte-article-extraction-benchmark"),
        tools: TOOLS.iter().map(|s| s.to_string()).collect(),
        repeat: 3,
        per_page: None,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--tools" => {
                let v = it.next().context("--tools needs a comma-separated list")?;
                args.tools = v.split(',').map(str::to_string).collect();
                for t in &args.tools {
                    if !TOOLS.contains(&t.as_str()) {
                        bail!("unknown tool {t:?} (known: {})", TOOLS.join(", "));
                    }
                }
            }
            "--repeat" => {
                args.repeat = it.next().context("--repeat needs a number")?.parse()?;
            }
            "--per-page" => {
                args.per_page = Some(it.next().context("--per-page needs a path")?.into())
            }
            "--keep" => args.keep = true,
            "-h" | "--help" => {
                println!(
                    "usage: marsad-bench-compare [DATA_DIR] [--tools marsad,dom_smoothie,rs_trafilatura] \
                     [--repeat N] [--per-page FILE.tsv] [--keep]"
                );
                std::process::exit(0);
            }
            _ if a.starts_with("--") => bail!("unknown option {a}"),
            _ => args.data = a.into(),
        }
    }
    Ok(args)
}

/// Article body the way evaluate.py wants it: paragraphs joined by newlines.
fn marsad_body(page: &Page) -> String {
    body_of(&marsad_html::extract_html(page))
}

fn body_of(p: &marsad_model::ExtractedPage) -> String {
    p.articles
        .first()
        .map(|a| {
            a.paragraphs
                .iter()
                .filter(|p| matches!(p.kind, ParagraphKind::Body | ParagraphKind::Subheading))
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

fn smoothie_body(page: &Page) -> String {
    let html = page.content.as_str();
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(a) => a.text_content.to_string(),
        Err(_) => String::new(),
    }
}

fn trafilatura_body(page: &Page) -> String {
    rs_trafilatura::extract(&page.content)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let data = &args.data;
    let gt_path = data.join("ground-truth.json");
    let gt: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gt_path)
            .with_context(|| format!("reading {}", gt_path.display()))?,
    )
    .with_context(|| format!("parsing {}", gt_path.display()))?;

    // Pre-load and decompress every page: decompression is not timed.
    let mut pages: Vec<(String, Page)> = Vec::with_capacity(gt.len());
    for id in gt.keys() {
        let p = data.join("html").join(format!("{id}.html.gz"));
        let f = std::fs::File::open(&p).with_context(|| format!("opening {}", p.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .with_context(|| format!("decompressing {}", p.display()))?;
        let page = Page {
            source: p.display().to_string(),
            format: PageFormat::Html,
            url: None,
            fetched: None,
            content: String::from_utf8_lossy(&bytes).into_owned(),
        };
        pages.push((id.clone(), page));
    }
    let total_mb: f64 = pages
        .iter()
        .map(|(_, p)| p.content.len() as f64)
        .sum::<f64>()
        / 1e6;
    eprintln!("{} pages, {:.1} MB of HTML", pages.len(), total_mb);

    let work = std::env::temp_dir().join(format!("marsad-bench-compare-{}", std::process::id()));
    std::fs::create_dir_all(work.join("output"))?;
    std::fs::copy(data.join("evaluate.py"), work.join("evaluate.py"))
        .context("copying evaluate.py")?;
    std::fs::copy(&gt_path, work.join("ground-truth.json"))?;

    // Rounds interleave the tools so that load from other processes on the
    // machine hits them alike; each tool keeps its best round.
    let mut best: BTreeMap<String, Duration> = BTreeMap::new();
    for round in 0..args.repeat.max(1) {
        for tool in &args.tools {
            let f: fn(&Page) -> String = match tool.as_str() {
                "marsad" => marsad_body,
                "dom_smoothie" => smoothie_body,
                _ => trafilatura_body,
            };
            let mut out = serde_json::Map::new();
            let mut elapsed = Duration::ZERO;
            for (id, page) in &pages {
                let t = Instant::now();
                let body = f(page);
                elapsed += t.elapsed();
                out.insert(id.clone(), json!({ "articleBody": body }));
            }
            let b = best.entry(tool.clone()).or_insert(Duration::MAX);
            *b = (*b).min(elapsed);
            if round == 0 {
                std::fs::write(
                    work.join("output").join(format!("{tool}.json")),
                    serde_json::to_string(&Value::Object(out))?,
                )?;
            }
        }
    }
    let speed: BTreeMap<String, f64> = best
        .iter()
        .map(|(t, d)| (t.clone(), pages.len() as f64 / d.as_secs_f64()))
        .collect();

    let status = Command::new("python3")
        .args([
            "evaluate.py",
            "--n-bootstrap",
            "200",
            "--output",
            "results.json",
        ])
        .current_dir(&work)
        .status()
        .context("running python3 evaluate.py")?;
    if !status.success() {
        bail!("evaluate.py failed ({status})");
    }
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("results.json"))?)?;

    let base = speed.get("marsad").copied();
    println!();
    println!(
        "{:<15} {:>6} {:>10} {:>8} {:>10} {:>14}",
        "tool", "F1", "precision", "recall", "pages/s", "speed/marsad"
    );
    for tool in &args.tools {
        let m = &results[tool.as_str()];
        let pps = speed[tool];
        let ratio = base
            .map(|b| format!("{:.2}x", pps / b))
            .unwrap_or_else(|| "-".into());
        println!(
            "{:<15} {:>6.3} {:>10.3} {:>8.3} {:>10.1} {:>14}",
            tool,
            m["f1"].as_f64().unwrap_or(f64::NAN),
            m["precision"].as_f64().unwrap_or(f64::NAN),
            m["recall"].as_f64().unwrap_or(f64::NAN),
            pps,
            ratio
        );
    }

    if let Some(path) = &args.per_page {
        // evaluate.py keeps per-page (tp, fp, fn) in ground-truth key order.
        let mut tsv = String::from("id");
        for tool in &args.tools {
            tsv.push_str(&format!("\t{tool}_p\t{tool}_r"));
        }
        tsv.push('\n');
        let gt_order: Vec<String> = {
            let raw: serde_json::Map<String, Value> =
                serde_json::from_str(&std::fs::read_to_string(&gt_path)?)?;
            raw.keys().cloned().collect()
        };
        for (k, id) in gt_order.iter().enumerate() {
            tsv.push_str(id);
            for tool in &args.tools {
                let t = &results[tool.as_str()]["tp_fp_fns"][k];
                let (tp, fp, fnn) = (
                    t[0].as_f64().unwrap_or(0.0),
                    t[1].as_f64().unwrap_or(0.0),
                    t[2].as_f64().unwrap_or(0.0),
                );
                let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
                let r = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 1.0 };
                tsv.push_str(&format!("\t{p:.3}\t{r:.3}"));
            }
            tsv.push('\n');
        }
        std::fs::write(path, tsv)?;
    }

    if args.keep {
        eprintln!("outputs kept in {}", work.display());
    } else {
        std::fs::remove_dir_all(&work).ok();
    }
    Ok(())
}
