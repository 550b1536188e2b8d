//! `marsad entities`, `marsad quotes`, `marsad figures`: what a text says,
//! for files or stored articles.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use marsad_engine::stages::entities::{analysed_text, analyze};

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct AnalysisArgs {
    /// Plain-text files to analyse.
    #[arg(value_name = "FILE", required_unless_present = "article")]
    pub files: Vec<PathBuf>,
    /// Stored articles to analyse instead (their title, a blank line, their body).
    #[arg(long, value_name = "ID")]
    pub article: Vec<i64>,
    #[command(flatten)]
    pub data: DataArgs,
    /// One JSON object per input: `{"source", "<what>": […]}`, offsets in code points.
    #[arg(long)]
    pub json: bool,
}

/// Which of the analysis's lists to show.
#[derive(Debug, Clone, Copy)]
pub enum What {
    Entities,
    Quotes,
    Figures,
}

impl What {
    fn key(self) -> &'static str {
        match self {
            What::Entities => "entities",
            What::Quotes => "quotes",
            What::Figures => "figures",
        }
    }
}

pub fn run(what: What, args: AnalysisArgs) -> Result<ExitCode> {
    let mut inputs: Vec<(String, Result<String>)> = args
        .files
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
            (p.display().to_string(), text)
        })
        .collect();
    if !args.article.is_empty() {
        let library = args.data.library()?;
        for &id in &args.article {
            let text = library
                .store()
                .article(id)?
                .filter(|a| !a.gone)
                .map(|a| analysed_text(&a))
                .with_context(|| format!("no article {id} in {}", args.data.dir.display()));
            inputs.push((format!("article {id}"), text));
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for (source, text) in inputs {
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("marsad: {e:#}");
                failed = true;
                continue;
            }
        };
        let analysis = analyze(&text);
        let list = match what {
            What::Entities => serde_json::to_value(&analysis.entities)?,
            What::Quotes => serde_json::to_value(&analysis.quotes)?,
            What::Figures => serde_json::to_value(&analysis.figures)?,
        };
        let written = if args.json {
            let mut obj = serde_json::Map::new();
            obj.insert("source".into(), source.into());
            obj.insert(what.key().into(), list);
            serde_json::to_writer(&mut out, &obj)
                .map_err(io::Error::from)
                .and_then(|_| out.write_all(b"\n"))
        } else {
            write_readable(&mut out, &source, what, &analysis)
        };
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            Err(e) => return Err(e).context("writing output"),
            Ok(()) => {}
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e).context("writing output"),
        _ => {}
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_readable(
    out: &mut impl Write,
    source: &str,
    what: What,
    a: &marsad_entities::Analysis,
) -> io::Result<()> {
    writeln!(out, "{source}")?;
    match what {
        What::Entities => {
            for e in &a.entities {
                let role = e
                    .role
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  {:<4} {}{role} → {}  [{}–{}]",
                    serde_json::to_value(e.entity_type)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    e.text,
                    e.canonical,
                    e.start,
                    e.end
                )?;
            }
        }
        What::Quotes => {
            for q in &a.quotes {
                writeln!(
                    out,
                    "  {} ({}, {}): {}",
                    q.speaker.as_deref().unwrap_or("?"),
                    q.cue.as_deref().unwrap_or("-"),
                    if q.direct { "direct" } else { "indirect" },
                    q.text
                )?;
            }
        }
        What::Figures => {
            for f in &a.figures {
                writeln!(
                    out,
                    "  {}{} {}  ← {}",
                    f.qualifier
                        .as_deref()
                        .map(|q| format!("{q} "))
                        .unwrap_or_default(),
                    f.value,
                    f.unit.as_deref().unwrap_or("-"),
                    f.text
                )?;
            }
        }
    }
    Ok(())
}
