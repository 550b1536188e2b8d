//! Search benchmark on real articles: builds indexes of growing size from SaudiNewsNet and
//! ANT, then times queries made of 2–4 word spans of real titles.
//!
//! ```text
//! cargo run --release -p marsad-index --example search_bench -- \
//!     [--data ../shared/data] [--sizes 10000,30000,all] [--queries 1000] [--out DIR]
//! ```
//!
//! For each size it prints: build time, index size on disk, then p50/p90/p99/max latency of
//! `Index::search` (limit 20, with snippets) for plain-word queries, the same spans as quoted
//! phrases, and count-only searches (limit 0: query cost without stored fields and snippets).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use marsad_index::{Index, IndexDoc, SearchRequest};
use marsad_model::Published;

struct Article {
    title: String,
    text: String,
    outlet: String,
    published: Option<Published>,
    url: String,
}

fn saudinewsnet(dir: &Path, out: &mut Vec<Article>) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Raw {
        source: String,
        url: String,
        date_extracted: String,
        title: String,
        content: String,
    }
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    for path in zips {
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let mut archive =
            zip::ZipArchive::new(file).with_context(|| format!("reading {}", path.display()))?;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i)?;
            let mut json = String::new();
            entry
                .read_to_string(&mut json)
                .with_context(|| format!("reading entry {i} of {}", path.display()))?;
            let raws: Vec<Raw> = serde_json::from_str(&json)
                .with_context(|| format!("parsing entry {i} of {}", path.display()))?;
            out.extend(raws.into_iter().map(|r| Article {
                published: r.date_extracted.get(..10).and_then(|d| d.parse().ok()),
                title: r.title,
                text: r.content,
                outlet: r.source,
                url: r.url,
            }));
        }
    }
    Ok(())
}

fn tag<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = doc.find(&open)? + open.len();
    let end = start + doc[start..].find(&close)?;
    Some(doc[start..end].trim())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// RFC 2822 date as in ANT: "Tue, 27 Feb 2018 10:03:32 +0400" (local time kept).
fn rfc2822(s: &str) -> Option<Published> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = s.split_whitespace().skip(1);
    let day: u8 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u8 + 1;
    let year: i32 = parts.next()?.parse().ok()?;
    let time = parts.next().and_then(|t| {
        let mut hm = t.split(':');
        Some((hm.next()?.parse().ok()?, hm.next()?.parse().ok()?))
    });
    Published::new(year, month, day, time)
}

fn ant(path: &Path, out: &mut Vec<Article>) -> Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let doc = String::from_utf8_lossy(&bytes);
        let (Some(title), Some(text)) = (tag(&doc, "TITLE"), tag(&doc, "TEXT")) else {
            continue;
        };
        out.push(Article {
            title: unescape(title),
            text: unescape(text),
            outlet: tag(&doc, "SRC").unwrap_or("").to_lowercase(),
            published: tag(&doc, "TIME").and_then(rfc2822),
            url: tag(&doc, "URL").unwrap_or("").to_owned(),
        });
    }
    Ok(())
}

/// A small deterministic generator (xorshift), so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// `count` spans of 2–4 consecutive words of titles of the indexed articles.
fn title_queries(articles: &[Article], count: usize, rng: &mut Rng) -> Vec<String> {
    let mut queries = Vec::with_capacity(count);
    while queries.len() < count {
        let title = &articles[rng.below(articles.len())].title;
        let words: Vec<&str> = title
            .split(|c: char| c.is_whitespace() || "،,:؛;.!?؟\"«»()".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 {
            continue;
        }
        let len = (2 + rng.below(3)).min(words.len());
        let start = rng.below(words.len() - len + 1);
        queries.push(words[start..start + len].join(" "));
    }
    queries
}

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let meta = entry?.metadata()?;
        if meta.is_file() {
            total += meta.len();
        }
    }
    Ok(total)
}

struct Timing {
    p50: Duration,
    p90: Duration,
    p99: Duration,
    max: Duration,
    mean_total: f64,
}

fn time_queries(index: &Index, queries: &[String], limit: usize) -> Result<Timing> {
    // One untimed pass to warm caches, as a long-running server would be.
    for q in queries {
        index.search(&SearchRequest {
            limit,
            ..SearchRequest::new(q.as_str())
        })?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut totals = 0usize;
    for q in queries {
        let request = SearchRequest {
            limit,
            ..SearchRequest::new(q.as_str())
        };
        let start = Instant::now();
        let results = index.search(&request)?;
        times.push((start.elapsed(), q));
        totals += results.total;
    }
    times.sort_unstable();
    if std::env::var_os("SLOWEST").is_some() {
        for (t, q) in times.iter().rev().take(5) {
            eprintln!("slow: {} ms  {q}", ms(*t));
        }
    }
    let times: Vec<Duration> = times.into_iter().map(|(t, _)| t).collect();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Ok(Timing {
        p50: at(0.50),
        p90: at(0.90),
        p99: at(0.99),
        max: times[times.len() - 1],
        mean_total: totals as f64 / queries.len() as f64,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<()> {
    let mut data = PathBuf::from("../shared/data");
    let mut sizes_arg = String::from("10000,30000,all");
    let mut query_count = 1000;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => data = value()?.into(),
            "--sizes" => sizes_arg = value()?,
            "--queries" => query_count = value()?.parse().context("--queries")?,
            "--out" => out = Some(value()?.into()),
            other => bail!("unknown argument {other}"),
        }
    }

    let start = Instant::now();
    let mut articles = Vec::new();
    saudinewsnet(&data.join("saudinewsnet/dataset"), &mut articles)?;
    let saudi = articles.len();
    ant(&data.join("ant-multisource-v2.1.tar.gz"), &mut articles)?;
    articles.retain(|a| !a.text.trim().is_empty() || !a.title.trim().is_empty());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    shuffle(&mut articles, &mut rng);
    println!(
        "loaded {} articles ({} SaudiNewsNet, {} ANT) in {:.1}s",
        articles.len(),
        saudi,
        articles.len().saturating_sub(saudi),
        start.elapsed().as_secs_f64()
    );

    let temp = tempfile::tempdir()?;
    let root = out.unwrap_or_else(|| temp.path().to_path_buf());
    println!(
        "{:>6} | {:>7} | {:>8} | {:>24} | {:>24} | {:>17} | {:>7}",
        "docs",
        "build s",
        "size MB",
        "words p50/p90/p99/max",
        "phrases p50/p90/p99/max",
        "count p50/p99",
        "hits"
    );
    for size in sizes_arg.split(',') {
        let n = match size {
            "all" => articles.len(),
            s => s.parse::<usize>().context("--sizes")?.min(articles.len()),
        };
        let subset = &articles[..n];
        let dir = root.join(format!("index-{n}"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        let built = Instant::now();
        let index = Index::open_or_create(&dir)?;
        let mut writer = index.writer(400_000_000)?;
        for (i, a) in subset.iter().enumerate() {
            writer.add(&IndexDoc {
                article_id: i as i64,
                title: Some(&a.title),
                subtitle: None,
                text: &a.text,
                outlet: Some(&a.outlet),
                published: a.published,
                url: Some(&a.url),
                source: None,
                story: None,
            })?;
        }
        writer.finish()?;
        index.reload()?;
        let build = built.elapsed();
        let size = dir_size(&dir)?;

        let mut qrng = Rng(0xbeef_0000_0000_0042 ^ n as u64);
        let queries = title_queries(subset, query_count, &mut qrng);
        let phrases: Vec<String> = queries.iter().map(|q| format!("\"{q}\"")).collect();
        let words = time_queries(&index, &queries, 20)?;
        let quoted = time_queries(&index, &phrases, 20)?;
        let count = time_queries(&index, &queries, 0)?;
        println!(
            "{:>6} | {:>7.1} | {:>8.1} | {:>24} | {:>24} | {:>17} | {:>7.0}",
            n,
            build.as_secs_f64(),
            size as f64 / 1e6,
            format!(
                "{}/{}/{}/{}",
                ms(words.p50),
                ms(words.p90),
                ms(words.p99),
                ms(words.max)
            ),
            format!(
                "{}/{}/{}/{}",
                ms(quoted.p50),
                ms(quoted.p90),
                ms(quoted.p99),
                ms(quoted.max)
            ),
            format!("{}/{}", ms(count.p50), ms(count.p99)),
            words.mean_total,
        );
    }
    Ok(())
}
