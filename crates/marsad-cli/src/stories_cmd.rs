//! `marsad stories`, `marsad story ID`, `marsad duplicates`, `marsad similarity`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use marsad_engine::{Library, StoryArticle, StoryView};

use serde::Serialize;

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON Lines, one story per line.
    #[arg(long)]
    pub json: bool,
    /// At most this many stories (largest first).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(clap::Args, Debug)]
pub struct StoryArgs {
    /// The story's id (as `marsad stories` lists it).
    pub id: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Print the story as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct DuplicatesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON Lines, one duplicate group per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct SimilarityArgs {
    /// Two plain-text files (the first line is the title when more lines follow).
    #[arg(num_args = 2, required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print `{"same_story": x}`.
    #[arg(long)]
    pub json: bool,
}

fn library(data: &DataArgs) -> Result<Library> {
    data.library()
        .with_context(|| format!("opening the data folder {}", data.dir.display()))
}

/// Write lines; a closed pipe (`| head`) is the reader's choice, not a failure.
fn print_lines(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("writing output"),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn json_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn article_line(out: &mut dyn Write, a: &StoryArticle) -> io::Result<()> {
    let role = match (a.role, a.copy) {
        (Some("copy"), Some(kind)) => format!("  [copy: {kind}]"),
        (Some(role), _) => format!("  [{role}]"),
        _ => String::new(),
    };
    writeln!(
        out,
        "    {:>7}  {:<16}  {}  {}{role}",
        a.id,
        a.published.as_deref().unwrap_or("-"),
        a.outlet.as_deref().unwrap_or("-"),
        a.title.as_deref().unwrap_or("(no title)"),
    )
}

fn story_block(out: &mut dyn Write, s: &StoryView) -> io::Result<()> {
    writeln!(
        out,
        "story {}  {} … {}  {} articles, {} outlets  {}",
        s.id,
        s.first.as_deref().unwrap_or("?"),
        s.last.as_deref().unwrap_or("?"),
        s.articles.len(),
        s.outlets,
        s.title
    )?;
    if !s.follows.is_empty() {
        writeln!(out, "    follows story {}", s.follows.join(", "))?;
    }
    if !s.followed_by.is_empty() {
        writeln!(out, "    followed up by story {}", s.followed_by.join(", "))?;
    }
    Ok(())
}

pub fn run_stories(args: StoriesArgs) -> Result<ExitCode> {
    let library = library(&args.data)?;
    let stories = library.stories()?;
    if stories.is_empty() && library.store().counts()?.articles > 0 {
        eprintln!(
            "marsad: no stories yet in {}: the stories stage has not run \
             (the next `marsad ingest` without `--stages none` catches it up)",
            args.data.dir.display()
        );
    }
    let shown = stories.iter().take(args.limit.unwrap_or(usize::MAX));
    print_lines(|out| {
        for s in shown {
            if args.json {
                json_line(out, s)?;
            } else {
                story_block(out, s)?;
            }
        }
        Ok(())
    })
}

pub fn run_story(args: StoryArgs) -> Result<ExitCode> {
    let Some(detail) = library(&args.data)?.story_detail(&args.id, None)? else {
        eprintln!(
            "marsad: no story {} in {}",
            args.id,
            args.data.dir.display()
        );
        return Ok(ExitCode::from(1));
    };
    print_lines(|out| {
        if args.json {
            return json_line(out, &detail);
        }
        let story = &detail.story;
        story_block(out, story)?;
        for a in &story.articles {
            article_line(out, a)?;
        }
        if !detail.entities.is_empty() {
            writeln!(out, "  entities:")?;
            for e in &detail.entities {
                writeln!(
                    out,
                    "    {:<5} {}  ({})",
                    e.entity_type.label(),
                    e.canonical,
                    e.variants.join(" · ")
                )?;
            }
        }
        for group in &detail.quotes {
            writeln!(
                out,
                "  {}:",
                group.speaker.as_deref().unwrap_or("(unnamed)")
            )?;
            for q in &group.quotes {
                writeln!(out, "    «{}»  [article {}]", q.text, q.article)?;
            }
        }
        for f in &detail.figures {
            let values: Vec<String> = f
                .values
                .iter()
                .map(|v| format!("{}: {}", v.outlet, v.figure.text))
                .collect();
            writeln!(
                out,
                "  {} ({:?}): {}",
                f.unit,
                f.verdict,
                values.join(" | ")
            )?;
        }
        Ok(())
    })
}

pub fn run_duplicates(args: DuplicatesArgs) -> Result<ExitCode> {
    let groups = library(&args.data)?.duplicates()?;
    print_lines(|out| {
        for g in &groups {
            if args.json {
                json_line(out, g)?;
                continue;
            }
            let credited = g
                .credited
                .as_deref()
                .map(|c| format!(" (credited: {c})"))
                .unwrap_or_default();
            writeln!(
                out,
                "group {}{credited}, {} copies",
                g.group,
                g.copies.len()
            )?;
            article_line(out, &g.original)?;
            for c in &g.copies {
                article_line(out, c)?;
            }
        }
        Ok(())
    })
}

pub fn run_similarity(args: SimilarityArgs) -> Result<ExitCode> {
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
    };
    let (a, b) = (read(&args.files[0])?, read(&args.files[1])?);
    let x = marsad_engine::stages::stories::same_story_of_texts(&a, &b);
    if args.json {
        println!("{}", serde_json::json!({ "same_story": x }));
    } else {
        println!(
            "{x:.3} ({})",
            if x >= 0.5 {
                "same story"
            } else {
                "different stories"
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
